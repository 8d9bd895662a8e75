import type { CheckOutcome, FixOutcome } from './check-definition.js';
import { errorMessageOf, jsonOf } from './client-api.js';
import type { ClientResponse, DiagnosticsContext } from './context.js';

const REQUEST_TIMEOUT_MS = 12_000;
const PROMPT = 'Reply with the single word: ok';

/** The model the canary asks: the first listed model with an available credential (inside the proxy), else the first of /v1/models. */
export async function pickCanaryModel(context: DiagnosticsContext, options: { ignoreCooldowns?: boolean } = {}): Promise<string | undefined> {
  if (context.proxy) {
    const { runtime } = context.proxy;
    const state = runtime.current();
    const now = context.now();
    return state.registry.list().find((model) =>
      (state.registry.bindings(model.id) ?? []).some(
        (binding) => runtime.providers.get(binding.credential.provider)?.operations.includes('generate') && (options.ignoreCooldowns || runtime.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now) === 0),
      ),
    )?.id;
  }
  const body = jsonOf(await context.client!.request('/v1/models')) as { data?: Array<{ id?: string }> } | undefined;
  return body?.data?.find((model) => typeof model.id === 'string')?.id;
}

export interface StreamReading {
  events: number;
  done: boolean;
  finishReason: string | null;
  error: string | null;
  text: string;
}

/** Reads an OpenAI Chat SSE body: how many events, whether `[DONE]` ended it, the finish reason, an in-band error. */
export function readChatStream(text: string): StreamReading {
  const reading: StreamReading = { events: 0, done: false, finishReason: null, error: null, text: '' };
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (!data) continue;
    reading.events++;
    if (data === '[DONE]') {
      reading.done = true;
      continue;
    }
    reading.done = false;
    try {
      const chunk = JSON.parse(data) as { error?: { message?: string }; choices?: Array<{ delta?: { content?: unknown }; finish_reason?: string | null }> };
      if (chunk.error) reading.error = chunk.error.message ?? 'error event';
      for (const choice of chunk.choices ?? []) {
        if (typeof choice.delta?.content === 'string') reading.text += choice.delta.content;
        if (choice.finish_reason) reading.finishReason = choice.finish_reason;
      }
    } catch {
      reading.error ??= `unparseable event: ${data.slice(0, 80)}`;
    }
  }
  return reading;
}

interface UsageSeen {
  recorded: boolean;
  totalTokens: number | null;
  estimated: boolean | null;
}

/** The usage record of a finished request (records land just after the response ends, so poll briefly). */
async function usageOf(context: DiagnosticsContext, requestId: string | undefined): Promise<UsageSeen | null> {
  const proxy = context.proxy;
  if (!proxy || !requestId) return null;
  for (let attempt = 0; attempt < 15; attempt++) {
    const record = proxy.usage.recent({ limit: 50 }).find((candidate) => candidate.requestId === requestId);
    if (record) return { recorded: true, totalTokens: record.totalTokens, estimated: record.estimated };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { recorded: false, totalTokens: null, estimated: null };
}

function problemOf(response: ClientResponse): string {
  return response.error ?? `HTTP ${response.status}: ${errorMessageOf(response) ?? response.text.slice(0, 200)}`;
}

/** One tiny non-stream and one stream request through the proxy's own loopback address, compared. */
export async function runCanary(context: DiagnosticsContext): Promise<CheckOutcome> {
  const client = context.client!;
  const model = await pickCanaryModel(context);
  if (!model) {
    return {
      status: 'fail',
      summary: 'No model has an available credential to run the canary on (none listed, or all cooling down).',
      evidence: {},
      remediation: 'Add an account or key, or clear cooldowns (Credential cooldowns check), then run again.',
    };
  }
  const body = { model, messages: [{ role: 'user', content: PROMPT }], max_tokens: 16 };
  const plain = await client.request('/v1/chat/completions', { method: 'POST', body: { ...body, stream: false }, timeoutMs: REQUEST_TIMEOUT_MS });
  const streamed = await client.request('/v1/chat/completions', { method: 'POST', body: { ...body, stream: true }, timeoutMs: REQUEST_TIMEOUT_MS });

  const plainBody = jsonOf(plain) as { choices?: Array<{ message?: { content?: unknown }; finish_reason?: string }>; usage?: { total_tokens?: number } } | undefined;
  const plainOk = plain.status === 200 && Array.isArray(plainBody?.choices) && plainBody!.choices!.length > 0;
  const reading = readChatStream(streamed.text);
  const streamOk = streamed.status === 200 && !streamed.timedOut && !streamed.error && reading.done && reading.finishReason !== null && reading.error === null;
  const usageEnabled = context.config().loaded?.config.usageStatisticsEnabled ?? true;
  const [plainUsage, streamUsage] = await Promise.all([usageOf(context, plain.headers['x-request-id']), usageOf(context, streamed.headers['x-request-id'])]);

  const evidence: Record<string, unknown> = {
    model,
    endpoint: `POST ${client.baseUrl}/v1/chat/completions`,
    key: client.keyLabel() ?? '(none)',
    nonStream: { status: plain.status, ms: plain.elapsedMs, finishReason: plainBody?.choices?.[0]?.finish_reason ?? null, usageInBody: plainBody?.usage?.total_tokens ?? null, error: plainOk ? null : problemOf(plain) },
    stream: {
      status: streamed.status,
      ms: streamed.elapsedMs,
      events: reading.events,
      endsWithDone: reading.done,
      finishReason: reading.finishReason,
      inBandError: reading.error,
      timedOut: streamed.timedOut ?? false,
      error: streamed.status === 200 ? (streamed.error ?? null) : problemOf(streamed),
    },
    usage: { statisticsEnabled: usageEnabled, nonStream: plainUsage, stream: streamUsage },
  };

  const streamProblem = streamed.status !== 200
    ? `the stream request failed (${problemOf(streamed)})`
    : streamed.timedOut
      ? `the stream did not finish within ${REQUEST_TIMEOUT_MS / 1000} s (a hang)`
      : reading.error
        ? `the stream carried an error event: ${reading.error}`
        : !reading.done
          ? 'the stream ended without its [DONE] marker (truncated)'
          : reading.finishReason === null
            ? 'the stream ended without a finish_reason (the upstream closed early)'
            : undefined;
  if (!plainOk || !streamOk) {
    const parts = [!plainOk ? `the non-stream request failed (${problemOf(plain)})` : 'the non-stream request succeeded', streamProblem ?? 'the stream succeeded'];
    return {
      status: 'fail',
      summary: `Canary on ${model}: ${parts.join('; ')}.`,
      evidence,
      remediation: plainOk
        ? 'Non-stream works but streaming does not: check reverse-proxy buffering and timeouts, then the proxy log for this request id; keep the client on stream: false until this passes.'
        : 'Look at the proxy log for the error (the account, what the upstream said); fix the account or pick another model, then run again.',
    };
  }
  const missingUsage = usageEnabled && context.proxy && (!plainUsage?.recorded || !streamUsage?.recorded);
  if (missingUsage) {
    return { status: 'warn', summary: `Canary on ${model}: both requests succeeded and the stream ended with [DONE], but usage was not recorded for ${!plainUsage?.recorded ? 'the non-stream' : 'the stream'} request.`, evidence, remediation: 'Look at the usage database warnings (Usage counting check).' };
  }
  const estimated = [plainUsage?.estimated, streamUsage?.estimated].filter(Boolean).length;
  return {
    status: 'pass',
    summary: `Canary on ${model}: non-stream and stream both succeeded, the stream ended with finish_reason and [DONE]${context.proxy ? (usageEnabled ? `, and usage was counted for both${estimated > 0 ? ` (${estimated} estimated: the upstream sent no usage)` : ''}` : ' (usage statistics are off)') : ''}.`,
    evidence,
  };
}

/** Clears the cooldowns of the canary model's credentials, so the next run can reach them. */
export async function clearCanaryCooldowns(context: DiagnosticsContext): Promise<FixOutcome> {
  const proxy = context.proxy!;
  const model = await pickCanaryModel(context, { ignoreCooldowns: true });
  if (!model) return { ok: false, message: 'No model is listed, so there is nothing to clear; add an account or key first.' };
  const bindings = proxy.runtime.current().registry.bindings(model) ?? [];
  let cleared = 0;
  for (const binding of bindings) cleared += proxy.runtime.cooldowns.clear(binding.credential.id, binding.upstreamModel) + proxy.runtime.cooldowns.clear(binding.credential.id, '*');
  proxy.log('info', `diagnostics: cleared ${cleared} cooldown(s) for ${model} before re-running the canary`);
  return { ok: true, message: `Cleared ${cleared} cooldown(s) for ${model} and ran the canary again.` };
}
