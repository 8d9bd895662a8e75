import type { LoginContext } from '../login-types.js';
import type { OAuthRequest, OAuthResponse } from '../oauth-http.js';

/**
 * A provider context whose HTTP calls are answered from a script, in order (a 500 once it runs out), for
 * unit tests of login, refresh and quota code. It is a full `LoginContext`, so it also serves where an
 * `AccountContext` is wanted.
 */
export function scriptedContext(
  answers: Array<{ status: number; json?: unknown }>,
  options: { now?: number; host?: string } = {},
): { context: LoginContext; requests: OAuthRequest[] } {
  const requests: OAuthRequest[] = [];
  const context: LoginContext = {
    http: {
      request: async (request): Promise<OAuthResponse> => {
        requests.push(request);
        const answer = answers.shift() ?? { status: 500 };
        return { status: answer.status, headers: {}, text: JSON.stringify(answer.json ?? ''), json: answer.json };
      },
    },
    endpoint: (name) => `https://${options.host ?? 'auth.test'}/${name}`,
    clock: { now: () => options.now ?? 1_000, sleep: async () => undefined },
    log: () => undefined,
    options: {},
    progress: () => undefined,
  };
  return { context, requests };
}
