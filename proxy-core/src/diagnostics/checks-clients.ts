import { parse } from 'yaml';
import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import { errorMessageOf, modelIdsOf } from './client-api.js';
import type { DiagnosticsContext } from './context.js';
import { maskSecret } from '../shared/mask.js';
import { PRESET_CONFIG_KEYS } from '../config/index.js';

/** YAML paths of keys written with surrounding whitespace (`api-keys.0`, `claude-api-key.1.api-key`, …). */
export function keysWithWhitespace(text: string | undefined): string[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    return [];
  }
  if (!raw || typeof raw !== 'object') return [];
  const file = raw as Record<string, unknown>;
  const padded = (value: unknown) => typeof value === 'string' && value.length > 0 && value !== value.trim();
  const found: string[] = [];
  if (Array.isArray(file['api-keys'])) file['api-keys'].forEach((key, index) => padded(key) && found.push(`api-keys.${index}`));
  for (const list of ['gemini-api-key', 'claude-api-key', 'codex-api-key', 'xai-api-key', 'vertex-api-key', ...PRESET_CONFIG_KEYS]) {
    const entries = file[list];
    if (Array.isArray(entries)) entries.forEach((entry, index) => padded((entry as Record<string, unknown> | null)?.['api-key']) && found.push(`${list}.${index}.api-key`));
  }
  const compat = file['openai-compatibility'];
  if (Array.isArray(compat)) {
    compat.forEach((entry, index) => {
      const keys = (entry as Record<string, unknown> | null)?.['api-key-entries'];
      if (Array.isArray(keys)) keys.forEach((key, keyIndex) => padded((key as Record<string, unknown> | null)?.['api-key']) && found.push(`openai-compatibility.${index}.api-key-entries.${keyIndex}.api-key`));
    });
  }
  return found;
}

async function runClientKeys(context: DiagnosticsContext): Promise<CheckOutcome> {
  const view = context.config();
  const keys = view.loaded?.config.apiKeys;
  if (!keys) return { status: 'unknown', summary: 'Not known until config.yaml loads.', evidence: {} };
  const padded = keysWithWhitespace(view.text);
  const evidence = { count: keys.length, keys: keys.map(maskSecret), keysWithSurroundingSpaces: padded };
  if (padded.length > 0) {
    return {
      status: 'warn',
      summary: `${padded.length} key(s) in config.yaml have spaces around them (${padded.join(', ')}); this proxy trims them, but tools that read the file (or the reference server) will not match.`,
      evidence,
      remediation: 'Remove the spaces inside the quotes in config.yaml.',
    };
  }
  if (keys.length === 0) {
    return {
      status: 'warn',
      summary: 'No api-keys: only programs on this machine can use the proxy, without a key.',
      evidence,
      remediation: 'Add a key under api-keys to use the proxy from other machines or from browser-based clients.',
    };
  }
  return { status: 'pass', summary: `${keys.length} client key(s) configured, none with stray spaces.`, evidence };
}

async function runClientKeyAuth(context: DiagnosticsContext): Promise<CheckOutcome> {
  const client = context.client!;
  const label = client.keyLabel();
  const response = await client.request('/v1/models');
  const ids = modelIdsOf(response);
  const evidence: Record<string, unknown> = { request: `GET ${client.baseUrl}/v1/models`, key: label ?? '(none: api-keys is empty)', status: response.status, models: ids?.length ?? null };
  if (response.status === 200 && ids) {
    return {
      status: 'pass',
      summary: label ? `The first client key (${label}) is accepted: GET /v1/models lists ${ids.length} model(s).` : `No client key is needed from this machine: GET /v1/models lists ${ids.length} model(s).`,
      evidence,
    };
  }
  evidence.error = errorMessageOf(response) ?? null;
  if (response.status === 401) {
    return {
      status: 'fail',
      summary: `The proxy refused the first key in config.yaml (401): ${evidence.error}`,
      evidence,
      remediation: 'The running proxy uses a different config (or was not reloaded): update the key in api-keys, restart the proxy, and check for stray spaces.',
    };
  }
  return { status: 'fail', summary: `GET /v1/models did not succeed (${response.error ?? `HTTP ${response.status}`}).`, evidence, remediation: 'Look at the proxy log for the error, and run the health check.' };
}

async function runAmp(context: DiagnosticsContext): Promise<CheckOutcome> {
  const client = context.client!;
  const base = `${client.baseUrl}/v1`;
  const label = client.keyLabel();
  // A body without a model costs no tokens: a 400 from the proxy proves the route and the key work.
  const probe = await client.request('/v1/chat/completions', { method: 'POST', body: {}, timeoutMs: 4000 });
  const exports = [`export OPENAI_API_BASE=${base}`, `export OPENAI_API_KEY=${label ?? '<any value>'}`];
  const evidence: Record<string, unknown> = { endpoint: `POST ${base}/chat/completions`, probeStatus: probe.status, key: label ?? '(none needed on this machine)', exports };
  if (probe.status === 401) {
    return { status: 'fail', summary: `The chat endpoint Amp uses refuses the first client key (401): ${errorMessageOf(probe)}`, evidence, remediation: 'Use a key listed in api-keys as OPENAI_API_KEY.' };
  }
  if (probe.status !== 400) {
    return { status: 'fail', summary: `The chat endpoint did not answer as expected (${probe.error ?? `HTTP ${probe.status}`}).`, evidence, remediation: 'Check /health and the proxy log.' };
  }
  const env = context.shellEnv;
  if (env) {
    const configured = env.OPENAI_API_BASE?.trim().replace(/\/+$/, '');
    evidence.shellOpenAiApiBase = configured ?? null;
    evidence.shellOpenAiApiKeySet = Boolean(env.OPENAI_API_KEY);
    const pointsHere = configured !== undefined && /^(https?:\/\/)(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/.test(configured) && configured.endsWith(`:${new URL(client.baseUrl).port}/v1`);
    if (!pointsHere) {
      return {
        status: 'warn',
        summary: configured ? `In this shell OPENAI_API_BASE is ${configured}, not the proxy: Amp started from here bypasses it.` : 'OPENAI_API_BASE is not set in this shell: Amp started from here bypasses the proxy.',
        evidence,
        remediation: `In the shell (or launcher) that starts Amp: ${exports.join('; ')} — then check that the proxy log shows Amp's requests.`,
      };
    }
    return { status: 'pass', summary: 'This shell points OPENAI_API_BASE at the proxy, and the chat endpoint accepts the key.', evidence };
  }
  return {
    status: 'pass',
    summary: `The chat endpoint Amp uses (${base}/chat/completions) accepts the key; if Amp still bypasses the proxy, set OPENAI_API_BASE and OPENAI_API_KEY in the shell that launches it.`,
    evidence,
    remediation: `${exports.join('; ')} — in the same shell that launches Amp; \`cliproxyctl doctor\` run from that shell checks it.`,
  };
}

/** Model families people look for in the matrix rows (Cherry Studio, Roo, Gemini 3 Pro, Opus 4.6). */
const NOTABLE = ['gemini-3-pro-preview', 'claude-opus-4-6', 'claude-sonnet-4-6', 'gpt-5.3-codex'];

async function runClientModels(context: DiagnosticsContext): Promise<CheckOutcome> {
  const client = context.client!;
  const response = await client.request('/v1/models');
  const ids = modelIdsOf(response);
  if (response.status !== 200 || !ids) {
    return { status: 'fail', summary: `GET /v1/models failed (${errorMessageOf(response) ?? `HTTP ${response.status}`}).`, evidence: { status: response.status }, remediation: 'Run the client key check first.' };
  }
  const prefixes: Record<string, number> = {};
  for (const id of ids) {
    const slash = id.indexOf('/');
    const prefix = slash > 0 ? `${id.slice(0, slash)}/` : '(no prefix)';
    prefixes[prefix] = (prefixes[prefix] ?? 0) + 1;
  }
  const evidence = {
    key: client.keyLabel() ?? '(none)',
    count: ids.length,
    prefixes,
    notable: Object.fromEntries(NOTABLE.map((id) => [id, ids.some((candidate) => candidate === id || candidate.endsWith(`/${id}`))])),
    roo: ids.filter((id) => id.startsWith('roo/')),
    ids: ids.slice(0, 300),
  };
  if (ids.length === 0) {
    return { status: 'fail', summary: 'This key sees no model at all: Cherry Studio, Roo and every other client will show an empty list.', evidence, remediation: 'Add an account or key (Accounts), or re-enable a disabled one.' };
  }
  return {
    status: 'pass',
    summary: `This key sees ${ids.length} model(s) (${Object.entries(prefixes).map(([prefix, count]) => `${prefix} ${count}`).join(', ')}); clients must use these exact ids, prefix included.`,
    evidence,
    remediation: 'In Cherry Studio / Roo, refresh the model list and pick an id shown here (a workspace filter must allow its prefix); run the stream canary before switching Roo to stream mode.',
  };
}

export const clientChecks: readonly CheckDefinition[] = [
  {
    id: 'client-keys',
    title: 'Client API keys in config.yaml',
    symptom: '`Error 401` on requests after editing api-keys',
    cause: 'Stray whitespace around a key, or no key configured for remote or browser clients',
    needs: 'files',
    run: runClientKeys,
  },
  {
    id: 'client-key-auth',
    title: 'Client key is accepted',
    symptom: '`Error 401` on request',
    cause: 'Missing or rotated client API key; the running proxy uses another config',
    needs: 'client',
    run: runClientKeyAuth,
  },
  {
    id: 'client-model-list',
    title: 'Models visible to clients (Cherry Studio, Roo)',
    symptom: 'Cherry Studio / Roo cannot find a model the CLI uses; Roo shows "T.match"; Gemini 3 Pro or claude-opus-4-6 missing',
    cause: 'The client filters or asks for an id (alias/prefix) that /v1/models does not list for this key',
    needs: 'client',
    run: runClientModels,
  },
  {
    id: 'amp-env',
    title: 'Amp reaches the proxy',
    symptom: 'Amp requests bypass the proxy',
    cause: 'The Amp process lacks OPENAI_API_BASE / OPENAI_API_KEY, or a stale shell environment',
    needs: 'client',
    run: runAmp,
  },
];
