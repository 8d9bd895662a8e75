import { readdirSync, readFileSync } from 'node:fs';
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
import { CLIENT_REQUESTS, LONG_TOOL_NAME, RATE_LIMITS, SCENARIOS, type Scenario } from './scenarios.js';

/**
 * The golden cross-format matrix: for every (client dialect × upstream dialect) pair and scenario, the
 * folder `<client>__<upstream>/<scenario>/` holds the client request, the upstream request we send, the
 * upstream's answer, and what the client gets back. Any change in translation shows up as a file diff to
 * review. Besides the files, each case checks what a client relies on (well-formed ends, errors in band).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const registry = createFormatRegistry();
const FORMATS: readonly FormatId[] = ['openai-chat', 'openai-responses', 'claude-messages', 'gemini'];
const credential = { id: 'golden', group: 'upstream', label: 'sk-u…0000' } as Credential;
const context = { model: 'client-model', requestId: 'golden0001', created: 1767225600 };

/** The upstream's answer (a fixture in `upstream/<format>/`, shared by every client; not copied into the folders). */
function upstreamAnswerFile(scenario: Scenario): string {
  return `${scenario.answer}.${scenario.stream ? 'sse' : 'json'}`;
}

function upstreamAnswer(format: FormatId, scenario: Scenario): string {
  return readFileSync(path.join(here, 'upstream', format, upstreamAnswerFile(scenario)), 'utf8');
}

/** The files a scenario's folder holds: what the proxy makes of the client request and of the upstream's answer. */
function goldenFiles(scenario: Scenario): string[] {
  const client = scenario.answer === 'rate-limit' ? 'expected-client.json' : scenario.stream ? 'expected-client.sse' : 'expected-client.json';
  return ['client-request.json', client, 'expected-upstream-request.json'].sort();
}

function folders(at: string): string[] {
  return readdirSync(at, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
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
      const error = classifyUpstreamError(credential, 'upstream-model', 429, limit.headers, limit.body, 0).error;
      const encoded = client.errors.encodeError(error);
      await expect(`${JSON.stringify(encoded, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected-client.json'));
      expect(encoded.status).toBe(429);
      expect(encoded.headers['retry-after']).toBe('20');
      return;
    }

    const answer = upstreamAnswer(upstreamId, scenario);
    if (!scenario.stream) {
      const translated = translateBody(upstream, client, JSON.parse(answer), encodeContext, restorer);
      await expect(`${JSON.stringify(translated.body, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected-client.json'));
      expect(translated.response.usage?.inputTokens).toBeGreaterThan(0);
      return;
    }

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
      if (clientId === 'openai-responses') expect(parsed.at(-1)?.event).toBe('response.failed');
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
    if (scenario.longToolName) {
      // OpenAI and Gemini allow 64 characters: they get a shortened name, and the client sees its own name again.
      const sent = JSON.stringify(body);
      const shortened = upstreamId === 'claude-messages' ? LONG_TOOL_NAME : LONG_TOOL_NAME.slice(0, 64);
      expect(sent).toContain(`"${shortened}"`);
      if (upstreamId !== 'claude-messages') expect(sent).not.toContain(LONG_TOOL_NAME);
      expect(answer).toContain(`"${shortened}"`);
      const names = output.match(/mcp__[A-Za-z0-9_]+/g) ?? [];
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names)).toEqual(new Set([LONG_TOOL_NAME]));
    }
  });
});

describe('the golden folders', () => {
  it('cover all four dialects, both ways', () => {
    expect([...registry.keys()].sort()).toEqual([...FORMATS].sort());
  });

  it('are exactly one folder per client × upstream pair and scenario, with exactly the expected files', () => {
    const pairs = FORMATS.flatMap((client) => FORMATS.map((upstream) => `${client}__${upstream}`));
    expect(folders(here)).toEqual([...pairs, 'upstream'].sort());
    const names = SCENARIOS.map((scenario) => scenario.name).sort();
    for (const pair of pairs) {
      expect(folders(path.join(here, pair)), pair).toEqual(names);
      for (const scenario of SCENARIOS) {
        const folder = path.join(here, pair, scenario.name);
        expect(readdirSync(folder).sort(), `${pair}/${scenario.name}`).toEqual(goldenFiles(scenario));
      }
    }
  });

  it('have an upstream answer for every scenario in every dialect, and no answer nobody uses', () => {
    const used = [...new Set(SCENARIOS.filter((scenario) => scenario.answer !== 'rate-limit').map(upstreamAnswerFile))].sort();
    expect(folders(path.join(here, 'upstream'))).toEqual([...FORMATS].sort());
    for (const format of FORMATS) expect(readdirSync(path.join(here, 'upstream', format)).sort(), format).toEqual(used);
  });
});
