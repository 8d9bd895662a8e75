import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFormatRegistry } from '../../src/formats/registry.js';
import { createSseParser, serializeSseEvent } from '../../src/formats/shared/sse-parser.js';
import type { Credential } from '../../src/credentials/credential.js';
import type { FormatId } from '../../src/ir/index.js';
import { classifyUpstreamError } from '../../src/pipeline/classify-upstream-error.js';
import { createToolNameRestorer } from '../../src/pipeline/restore-tool-names.js';
import { translateRequest } from '../../src/pipeline/translate-request.js';
import { createStreamTranslation, translateBody } from '../../src/pipeline/translate-stream.js';
import { CLIENT_REQUESTS, RATE_LIMITS, SCENARIOS, type Scenario } from './scenarios.js';

/**
 * The golden cross-format matrix: for every (client dialect × upstream dialect) pair and scenario, the
 * folder `<client>__<upstream>/<scenario>/` holds the client request, the upstream request we send, the
 * upstream's answer, and what the client gets back. Any change in translation shows up as a file diff to
 * review. Besides the files, each case checks what a client relies on (well-formed ends, errors in band).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const registry = createFormatRegistry();
const FORMATS: readonly FormatId[] = ['openai-chat', 'openai-responses', 'claude-messages', 'gemini'].filter(
  (id) => !String(registry.get(id as FormatId)?.wire.decodeRequest).includes('not built yet'),
) as FormatId[];
const credential = { id: 'golden', group: 'upstream', label: 'sk-u…0000' } as Credential;
const context = { model: 'client-model', requestId: 'golden0001', created: 1767225600 };

function upstreamAnswer(format: FormatId, scenario: Scenario): string {
  return readFileSync(path.join(here, 'upstream', format, `${scenario.answer}.${scenario.stream ? 'sse' : 'json'}`), 'utf8');
}

function eventsOf(text: string) {
  const events: Array<{ event?: string; data: string }> = [];
  const parser = createSseParser((event) => events.push(event));
  parser.push(text);
  parser.end();
  return events;
}

describe.each(FORMATS.flatMap((client) => FORMATS.map((upstream) => [client, upstream] as const)))('%s client → %s upstream', (clientId, upstreamId) => {
  const client = registry.get(clientId)!;
  const upstream = registry.get(upstreamId)!;

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (name, scenario) => {
    const folder = path.join(here, `${clientId}__${upstreamId}`, name);
    const clientRequest = CLIENT_REQUESTS[clientId](scenario);
    await expect(`${JSON.stringify(clientRequest, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'client-request.json'));

    const ir = client.wire.decodeRequest(clientRequest);
    ir.model = 'client-model';
    ir.stream = scenario.stream;
    const { body } = translateRequest(ir, upstream, { model: 'upstream-model', stream: scenario.stream, thinking: undefined });
    await expect(`${JSON.stringify(body, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected-upstream-request.json'));
    const restorer = createToolNameRestorer(upstream, ir);
    const encodeContext = { ...context, request: ir };

    if (scenario.answer === 'rate-limit') {
      const limit = RATE_LIMITS[upstreamId];
      await expect(limit.body).toMatchFileSnapshot(path.join(folder, 'upstream.json'));
      const error = classifyUpstreamError(credential, 'upstream-model', 429, limit.headers, limit.body, 0).error;
      const encoded = client.errors.encodeError(error);
      await expect(`${JSON.stringify(encoded, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected-client.json'));
      expect(encoded.status).toBe(429);
      expect(encoded.headers['retry-after']).toBe('20');
      return;
    }

    const answer = upstreamAnswer(upstreamId, scenario);
    if (!scenario.stream) {
      await expect(answer).toMatchFileSnapshot(path.join(folder, 'upstream.json'));
      const translated = translateBody(upstream, client, JSON.parse(answer), encodeContext, restorer);
      await expect(`${JSON.stringify(translated.body, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected-client.json'));
      expect(translated.response.usage?.inputTokens).toBeGreaterThan(0);
      return;
    }

    await expect(answer).toMatchFileSnapshot(path.join(folder, 'upstream.sse'));
    const translation = createStreamTranslation(upstream, client, encodeContext, restorer);
    const events = [];
    // Feed the upstream in small slices, as a socket would.
    const bytes = Buffer.from(answer);
    for (let offset = 0; offset < bytes.length; offset += 97) events.push(...translation.push(bytes.subarray(offset, offset + 97)));
    events.push(...translation.end());
    const output = events.map(serializeSseEvent).join('');
    await expect(output).toMatchFileSnapshot(path.join(folder, 'expected-client.sse'));

    const parsed = eventsOf(output);
    if (scenario.answer === 'error-mid-stream') {
      expect(translation.error).toBeDefined();
      expect(output).toContain('Partial');
      if (clientId === 'openai-chat') expect(parsed.at(-1)?.data).not.toBe('[DONE]');
      if (clientId === 'claude-messages') expect(parsed.at(-1)?.event).toBe('error');
      if (clientId === 'openai-responses') expect(parsed.at(-1)?.event).toMatch(/error|response\.failed/);
      if (clientId === 'gemini') expect(parsed.at(-1)?.data).toContain('"error"');
      return;
    }
    expect(translation.error).toBeUndefined();
    if (clientId === 'openai-chat') expect(parsed.at(-1)?.data).toBe('[DONE]');
    if (clientId === 'claude-messages') expect(parsed.at(-1)?.event).toBe('message_stop');
    if (clientId === 'openai-responses') expect(parsed.at(-1)?.event).toBe('response.completed');
    if (clientId === 'gemini') expect(parsed.at(-1)?.data).toContain('finishReason');
    if (scenario.answer === 'parallel-tools') {
      expect(output).toContain('Paris');
      expect(output).toContain('Rome');
    }
  });
});
