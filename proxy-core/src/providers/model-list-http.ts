import type { OAuthHttp } from '../login/oauth-http.js';
import type { ModelInfo } from './provider-definition.js';

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Longest wait for one list call: a slow vendor must not hold the refresher. */
const LIST_TIMEOUT_MS = 20_000;

/** The vendor's own words from an error body (`error.message`, `message`, or the start of the text). */
function vendorSays(text: string, json: unknown): string {
  if (isObject(json)) {
    const error = json.error;
    if (isObject(error) && typeof error.message === 'string') return error.message;
    if (typeof error === 'string') return error;
    if (typeof json.message === 'string') return json.message;
    if (typeof json.detail === 'string') return json.detail;
  }
  return text.trim().slice(0, 200);
}

/**
 * One list call (GET, or POST with a JSON body): the JSON object answered, or an Error naming the host, the
 * status and what the vendor said. The token is sent only in `headers` and never appears in the message.
 */
export async function requestModelList(http: OAuthHttp, request: { url: string; headers: Record<string, string>; json?: unknown }): Promise<JsonObject> {
  const response = await http.request({ url: request.url, method: request.json === undefined ? 'GET' : 'POST', headers: request.headers, json: request.json, timeoutMs: LIST_TIMEOUT_MS });
  const host = safeHost(request.url);
  if (response.status >= 400) {
    const said = vendorSays(response.text, response.json);
    throw new Error(`${host} answered HTTP ${response.status} to the model list${said ? `: ${said}` : ''}`);
  }
  if (!isObject(response.json)) throw new Error(`${host} answered the model list with something that is not JSON (HTTP ${response.status})`);
  return response.json;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the upstream';
  }
}

/** Ids as given, each once, empty ones dropped. */
export function uniqueModels(models: readonly ModelInfo[]): ModelInfo[] {
  const seen = new Set<string>();
  const result: ModelInfo[] = [];
  for (const model of models) {
    const id = model.id.trim();
    if (!id || seen.has(id)) continue;
    seen.add(id);
    result.push({ ...model, id });
  }
  return result;
}

/** An OpenAI-style list `{data: [{id, created?}]}` (OpenAI `GET /v1/models`, every OpenAI-compatible server). */
export function openAiListModels(body: JsonObject): ModelInfo[] {
  const data = Array.isArray(body.data) ? body.data : [];
  return uniqueModels(
    data.flatMap((item): ModelInfo[] =>
      isObject(item) && typeof item.id === 'string' ? [{ id: item.id, created: typeof item.created === 'number' ? item.created : undefined }] : [],
    ),
  );
}

/** Upper bound on pages followed, so a server that always says "more" cannot loop the refresher. */
export const MAX_LIST_PAGES = 20;
