/** The client request a request log file holds, read back for "replay this request". */
export interface LoggedClientRequest {
  method: string;
  /** Path and query, as the client sent them (a `key=` in the query is masked). */
  path: string;
  /** The client key's label (masked), when the request was authenticated. */
  clientKey?: string;
  headers: Array<[string, string]>;
  body: string;
  /** The body was cut at `request-log-body-limit-kb`: it cannot be sent again as it was. */
  cut: boolean;
}

const CLIENT_SECTION = '\n=== CLIENT REQUEST ===\n';
const NEXT_SECTIONS = ['\n\n=== UPSTREAM REQUEST ', '\n\n=== CLIENT RESPONSE ==='];
const CUT_MARK = /\n\[… cut: \d+ more bytes of \d+ not kept \(request-log-body-limit-kb\)\]$/;

/** Reads the client request back from a file `formatRequestLog` wrote; undefined when the file has none. */
export function parseLoggedClientRequest(text: string): LoggedClientRequest | undefined {
  const info = text.slice(0, text.indexOf('\n\n'));
  const requestLine = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/m.exec(info);
  const start = text.indexOf(CLIENT_SECTION);
  if (!requestLine || start < 0) return undefined;
  const from = start + CLIENT_SECTION.length;
  const ends = NEXT_SECTIONS.map((marker) => text.indexOf(marker, from)).filter((index) => index >= 0);
  const section = text.slice(from, ends.length > 0 ? Math.min(...ends) : undefined);
  const split = section.indexOf('\n\n');
  const headerText = split >= 0 ? section.slice(0, split) : section;
  let body = split >= 0 ? section.slice(split + 2) : '';
  const cut = CUT_MARK.test(body);
  if (body === '(empty)') body = '';
  const headers = headerText
    .split('\n')
    .filter((line) => line.includes(': '))
    .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)] as [string, string]);
  const clientKey = /^Client key: (.+)$/m.exec(info)?.[1];
  return { method: requestLine[1], path: requestLine[2], ...(clientKey ? { clientKey } : {}), headers, body, cut };
}
