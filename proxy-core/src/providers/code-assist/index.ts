/**
 * What the two Google subscriptions (Gemini CLI, Antigravity) share: Google installed-app OAuth, the Code
 * Assist control plane (loadCodeAssist, onboardUser), the `{model, project, request}` envelope and the
 * Google RPC error details. Not a provider on its own (like `openai-compatible/` is extended by others).
 */
export { CODE_ASSIST_VERSION, defaultTierId, getOperation, onboardUser, postCodeAssist, projectIdOf, projectIn, type CodeAssistTarget, type OnboardOptions } from './code-assist-client.js';
export { parseGeminiBody, prepareCodeAssistRequest, unwrapCodeAssistPayload } from './envelope.js';
export { exchangeGoogleCode, fetchGoogleEmail, googleAuthorizeUrl, googleTokens, refreshGoogleToken, type GoogleClient } from './google-oauth.js';
export { googleRetryDelayMs, parseGoogleDuration, parseGoogleRpcError, type GoogleRpcError } from './google-rpc-error.js';
