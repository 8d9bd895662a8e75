import { asObject } from './fake-content.js';
import { answerClaudeCountTokens, answerClaudeMessages, claudeModelList } from './fake-responses-claude.js';
import { answerGeminiCountTokens, answerGenerateContent, geminiModelList } from './fake-responses-gemini.js';
import { answerChatCompletion, openAiModelList } from './fake-responses-openai-chat.js';
import { answerResponses, answerResponsesCompact } from './fake-responses-openai-responses.js';
import type { DefaultAnswerOptions } from './fake-tools.js';
import type { FakeResponse, RecordedRequest, VendorDialect } from './fake-upstream-types.js';
import { authenticationError, dialectForPath, vendorError } from './vendor-errors.js';

const geminiActionPattern = /\/models\/([^/:]+):(\w+)$/;

/** `{model}` and `{action}` of a Gemini `…/models/{model}:{action}` path. */
export function geminiTarget(path: string): { model: string; action: string } | undefined {
  const match = geminiActionPattern.exec(path);
  return match ? { model: decodeURIComponent(match[1]), action: match[2] } : undefined;
}

/** The model a request names: the JSON body's `model`, or for Gemini the `{model}` in the path. */
export function requestModel(request: RecordedRequest): string | undefined {
  const model = asObject(request.body)?.model;
  if (typeof model === 'string') return model;
  return geminiTarget(request.path)?.model;
}

/** `GET /v1/models` is shared by OpenAI, Anthropic and (genai 3.x) Gemini clients: tell them apart by headers. */
function requestDialect(request: RecordedRequest): VendorDialect {
  if (request.method === 'GET' && /\/models$/.test(request.path)) {
    if (request.path.includes('/v1beta/') || request.headers['x-goog-api-key'] !== undefined || request.query.key !== undefined) return 'gemini';
    if (request.headers['anthropic-version'] !== undefined) return 'claude';
    return 'openai';
  }
  return dialectForPath(request.path);
}

export interface DefaultRouteOptions extends DefaultAnswerOptions {
  apiKeys?: string[];
  /** What the model list endpoints answer (read per request, so a test can change it); undefined = the defaults. */
  listedModels?: string[];
  /** When set, the model list endpoints answer this HTTP status (a failing lookup). */
  listStatus?: number;
}

/** What the fake answers when no scripted rule matches: each vendor's documented shapes. */
export function answerByDefault(request: RecordedRequest, options: DefaultRouteOptions): FakeResponse {
  if (options.apiKeys && (request.apiKey === undefined || !options.apiKeys.includes(request.apiKey))) {
    return authenticationError(requestDialect(request), request.apiKey);
  }
  const { method, path } = request;
  if (method === 'GET' && /\/models$/.test(path)) {
    const dialect = requestDialect(request);
    if (options.listStatus) return vendorError(dialect, options.listStatus, `model list refused (fake status ${options.listStatus})`);
    const ids = options.listedModels;
    return dialect === 'gemini' ? geminiModelList(ids) : dialect === 'claude' ? claudeModelList(ids) : openAiModelList(ids);
  }
  if (method === 'POST') {
    if (path.endsWith('/chat/completions')) return answerChatCompletion(request, options);
    if (path.endsWith('/responses/compact')) return answerResponsesCompact(request);
    if (path.endsWith('/responses')) return answerResponses(request, options);
    if (path.endsWith('/messages/count_tokens')) return answerClaudeCountTokens(request);
    if (path.endsWith('/messages')) return answerClaudeMessages(request, options);
    const gemini = geminiTarget(path);
    if (gemini?.action === 'generateContent') return answerGenerateContent(request, gemini.model, false, options);
    if (gemini?.action === 'streamGenerateContent') return answerGenerateContent(request, gemini.model, true, options);
    if (gemini?.action === 'countTokens') return answerGeminiCountTokens(request);
  }
  // OpenAI's own answer to an unknown route.
  return vendorError('openai', 404, `Invalid URL (${method} ${path})`);
}
