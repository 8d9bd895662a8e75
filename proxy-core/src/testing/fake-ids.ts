import { randomBytes, randomInt } from 'node:crypto';

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += alphanumeric[randomInt(alphanumeric.length)];
  return text;
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

// Id shapes as the vendors issue them (prefix and length), so code that sniffs ids sees realistic values.
export const chatCompletionId = () => `chatcmpl-${randomAlphanumeric(29)}`;
export const chatToolCallId = () => `call_${randomAlphanumeric(24)}`;
export const systemFingerprint = () => `fp_${randomHex(10)}`;
export const responseId = () => `resp_${randomHex(50)}`;
export const responseMessageId = () => `msg_${randomHex(50)}`;
export const responseFunctionCallId = () => `fc_${randomHex(50)}`;
export const responseCompactionId = () => `cmp_${randomHex(50)}`;
export const claudeMessageId = () => `msg_01${randomAlphanumeric(22)}`;
export const claudeToolUseId = () => `toolu_01${randomAlphanumeric(22)}`;
export const geminiResponseId = () => randomBytes(16).toString('base64url').slice(0, 22);
export const geminiFunctionCallId = () => randomAlphanumeric(8).toLowerCase();
export const openAiRequestId = () => `req_${randomHex(32)}`;
export const anthropicRequestId = () => `req_011C${randomAlphanumeric(20)}`;
/** Opaque stand-in for encrypted compaction content. */
export const opaqueBlob = () => `gAAAAA${randomBytes(48).toString('base64url')}`;
