/**
 * The Code Assist control plane both Google subscriptions use while logging in and for quota:
 * `POST {base}/v1internal:{method}` with the Bearer token, `loadCodeAssist`, and `onboardUser`, a long-running
 * operation that is either polled (`GET {base}/v1internal/{operation name}`, as Gemini CLI does) or posted again
 * until `done` (as the reference does for Antigravity). Inventory §2.3 "Project onboarding", §2.5.
 */
import type { AccountContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import type { OAuthResponse } from '../../login/oauth-http.js';
import { parseGoogleRpcError } from './google-rpc-error.js';

export const CODE_ASSIST_VERSION = 'v1internal';

type JsonObject = Record<string, unknown>;

export interface CodeAssistTarget {
  /** `https://cloudcode-pa.googleapis.com` or an override. */
  base: string;
  accessToken: string;
  headers?: Record<string, string>;
}

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

function failure(response: OAuthResponse, what: string): OAuthError {
  const google = parseGoogleRpcError(response.text);
  const said = google?.message ? `: ${google.message}` : response.text ? `: ${response.text.slice(0, 200)}` : '';
  const nextStep =
    response.status === 401
      ? 'Log in again.'
      : response.status === 403
        ? 'Check that the Gemini for Google Cloud API (cloudaicompanion.googleapis.com) is enabled for the project and that this account may use it.'
        : 'Try again in a minute; if it keeps failing, log in again.';
  return new OAuthError(`${what} failed (HTTP ${response.status}${said}).`, { code: `code_assist_${response.status}`, status: response.status, nextStep });
}

async function answer(response: OAuthResponse, what: string): Promise<JsonObject> {
  if (response.status >= 400) throw failure(response, what);
  if (!isObject(response.json)) throw new OAuthError(`${what} answered something that is not JSON (HTTP ${response.status}).`, { code: 'bad_response', status: response.status });
  return response.json;
}

/** `POST {base}/v1internal:{method}` with a JSON body. */
export async function postCodeAssist(context: AccountContext, target: CodeAssistTarget, method: string, body: unknown): Promise<JsonObject> {
  const response = await context.http.request({
    url: `${target.base}/${CODE_ASSIST_VERSION}:${method}`,
    headers: { 'content-type': 'application/json', ...target.headers, authorization: `Bearer ${target.accessToken}` },
    json: body,
  });
  return answer(response, `Code Assist ${method}`);
}

/** `GET {base}/v1internal/{name}` for a long-running operation (`operations/…`). */
export async function getOperation(context: AccountContext, target: CodeAssistTarget, name: string): Promise<JsonObject> {
  const response = await context.http.request({
    url: `${target.base}/${CODE_ASSIST_VERSION}/${name.replace(/^\/+/, '')}`,
    method: 'GET',
    headers: { ...target.headers, authorization: `Bearer ${target.accessToken}` },
  });
  return answer(response, 'Code Assist operation poll');
}

/** A project id written as a string or as `{id, name}`. */
export function projectIdOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (isObject(value) && typeof value.id === 'string' && value.id.trim()) return value.id.trim();
  return undefined;
}

/** The first project among `keys` of a loadCodeAssist / onboardUser answer. */
export function projectIn(data: unknown, keys: readonly string[] = ['cloudaicompanionProject']): string | undefined {
  if (!isObject(data)) return undefined;
  for (const key of keys) {
    const id = projectIdOf(data[key]);
    if (id) return id;
  }
  return undefined;
}

/** The `allowedTiers[]` entry marked `isDefault`, else `currentTier.id` when asked, else `fallback`. */
export function defaultTierId(load: JsonObject, fallback: string, useCurrentTier = false): string {
  for (const tier of Array.isArray(load.allowedTiers) ? load.allowedTiers : []) {
    if (isObject(tier) && tier.isDefault === true && typeof tier.id === 'string' && tier.id.trim()) return tier.id.trim();
  }
  if (useCurrentTier && isObject(load.currentTier) && typeof load.currentTier.id === 'string' && load.currentTier.id.trim()) return load.currentTier.id.trim();
  return fallback;
}

export interface OnboardOptions {
  /** `operation`: poll the operation by name (falls back to posting again when it has none); `repost`: post again. */
  poll: 'operation' | 'repost';
  /** Pauses between polls, in order; the last one repeats. */
  delaysMs: readonly number[];
  /** Give up after this many polls. */
  maxPolls: number;
  /** Told before each wait, e.g. to show "waiting for Google…". */
  onPending?(poll: number): void;
}

/** `onboardUser` until its operation is `done`; the finished operation (its `response` holds the project). */
export async function onboardUser(context: AccountContext, target: CodeAssistTarget, body: unknown, options: OnboardOptions): Promise<JsonObject> {
  let operation = await postCodeAssist(context, target, 'onboardUser', body);
  for (let poll = 0; operation.done !== true; poll++) {
    if (poll >= options.maxPolls) {
      throw new OAuthError('Google did not finish setting up Gemini Code Assist in time.', {
        code: 'onboarding_timeout',
        nextStep: 'Start the login again in a few minutes; Google keeps the set-up that was started.',
      });
    }
    options.onPending?.(poll + 1);
    await context.clock.sleep(options.delaysMs[Math.min(poll, options.delaysMs.length - 1)] ?? 2000);
    const name = typeof operation.name === 'string' ? operation.name : undefined;
    operation = options.poll === 'operation' && name ? await getOperation(context, target, name) : await postCodeAssist(context, target, 'onboardUser', body);
  }
  if (isObject(operation.error)) {
    const message = typeof operation.error.message === 'string' ? operation.error.message : 'unknown error';
    throw new OAuthError(`Google could not set up Gemini Code Assist: ${message}`, { code: 'onboarding_failed', nextStep: 'Check the account and project in the Google Cloud console, then log in again.' });
  }
  return operation;
}
