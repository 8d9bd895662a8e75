import type { ProviderDefinition } from '../provider-definition.js';
import { kiroFile, kiroFileName, parseKiroFile } from './account-file.js';
import { kiroEventStreamToClaudeSse } from './adapt-stream.js';
import { kiroPayloadFromClaudeBody } from './build-request.js';
import { classifyKiroError } from './classify-error.js';
import { KIRO_ENDPOINTS, kiroRegion, withRegion } from './endpoints.js';
import { accountSeed, kiroApiHeaders } from './headers.js';
import { kiroDeviceLogin } from './device-login.js';
import { kiroIdeImporter } from './import-kiro-ide.js';
import { listKiroModels } from './list-models.js';
import { KIRO_MODELS } from './models.js';
import { kiroQuota } from './quota.js';
import { refreshKiro } from './refresh.js';

export { createEventStreamDecoder, createEventStreamTransform, EventStreamError, type EventStreamMessage } from './event-stream-decoder.js';
export { encodeEventStreamMessage, encodeKiroEvent, encodeKiroException } from './event-stream-encoder.js';
export { kiroUsageLimits } from './quota.js';

/**
 * Kiro (AWS CodeWhisperer / Amazon Q Developer behind the Kiro IDE): subscription accounts only. The provider
 * takes Claude Messages bodies (its declared format) and sends CodeWhisperer's `generateAssistantResponse`;
 * the binary AWS event-stream answer is turned back into Claude SSE as it arrives (`adaptStream`), so every
 * client dialect, streamed or not, works through the usual translation. See docs/decisions/2026-12-08-11-kiro.md.
 */
export const kiroProvider: ProviderDefinition = {
  id: 'kiro',
  displayName: 'Kiro (AWS CodeWhisperer)',
  format: 'claude-messages',
  catalog: KIRO_MODELS,
  operations: ['generate'],
  listModels: listKiroModels,
  buildRequest(call) {
    const attributes = call.account?.attributes ?? {};
    const region = kiroRegion(attributes);
    const base = call.credential.baseUrl || call.credential.account?.endpoints.api || KIRO_ENDPOINTS.api;
    const payload = kiroPayloadFromClaudeBody(call.body, { model: call.model, profileArn: attributes.profileArn });
    const headers = { ...kiroApiHeaders(call.token, call.account ? accountSeed(call.account) : call.credential.id), ...call.credential.headers };
    // [PP] kiro_transform.go: the CodeWhisperer host wants the streaming service's target header.
    headers['x-amz-target'] = 'AmazonCodeWhispererStreamingService.GenerateAssistantResponse';
    return { url: `${withRegion(base, region)}/generateAssistantResponse`, method: 'POST', headers, body: Buffer.from(JSON.stringify(payload)) };
  },
  // CodeWhisperer always answers with an event stream; a non-stream client gets the collected answer.
  upstreamStreams: () => true,
  adaptStream: (body, context) => kiroEventStreamToClaudeSse(body, context),
  // [PP] kiro_executor.go: a 403 about the token (expired / invalid) is refreshed and retried.
  refreshOnForbidden: true,
  classifyError: classifyKiroError,
  accounts: {
    fileType: 'kiro',
    hint: 'Kiro (AWS Builder ID, IAM Identity Center, Google / GitHub)',
    endpoints: KIRO_ENDPOINTS,
    // [PP] refreshes 20 minutes before expiry (sdk/auth/kiro.go); Kiro tokens live about an hour.
    refreshLeadMs: 20 * 60_000,
    refreshBeforeUseMs: 5 * 60_000,
    parse: parseKiroFile,
    toFile: kiroFile,
    fileName: kiroFileName,
    refresh: refreshKiro,
    login: { device: kiroDeviceLogin },
    loginOptions: ['startUrl', 'region'],
    quota: kiroQuota,
    importers: [kiroIdeImporter],
  },
};
