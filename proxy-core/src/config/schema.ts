/**
 * config.yaml, in CLIProxyAPI's key names (kebab-case), validated with zod and turned into the camelCase
 * `ProxyConfig` the rest of the code reads. Absent keys take the defaults below. Keys this schema does
 * not know are kept in the file (never dropped on write) and reported as warnings by the loader.
 */
import { z } from 'zod';

const trimmed = z.string().transform((value) => value.trim());
const optionalString = z.string().trim().optional();
const headerMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional();
const priority = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'must be an integer').transform(Number)]).optional();

/** `prefix`: surrounding `/` trimmed; a prefix that still contains `/` is rejected (the reference blanks it silently). */
const prefix = z
  .string()
  .transform((value) => value.trim().replace(/^\/+|\/+$/g, ''))
  .refine((value) => !value.includes('/'), { message: 'must not contain "/" (use a single segment such as team-a)' })
  .optional();

const modelAlias = z.object({
  name: z.string().trim().min(1, 'model name is required'),
  alias: optionalString,
});

/** `weight`: the key's share under weighted-round-robin (default 1; 0 or less leaves it out; at most 1,000,000). */
const weight = z.number().int('must be a whole number').max(1_000_000, 'must be at most 1000000').optional();

const apiKeyEntry = z.object({
  'api-key': trimmed,
  priority,
  weight,
  prefix,
  'base-url': optionalString,
  'proxy-url': optionalString,
  headers: headerMap,
  models: z.array(modelAlias).optional(),
  'excluded-models': z.array(z.string().trim()).optional(),
  /** Our extension: lets the app switch a key off without deleting it. CLIProxyAPI ignores it. */
  disabled: z.boolean().optional(),
});

const openAiCompatibilityEntry = z.object({
  name: z.string().trim().min(1, 'name is required (it labels the provider, e.g. openrouter)'),
  priority,
  disabled: z.boolean().optional(),
  prefix,
  'base-url': optionalString,
  'proxy-url': optionalString,
  'api-key-entries': z
    .array(z.object({ 'api-key': trimmed, 'proxy-url': optionalString, weight, disabled: z.boolean().optional() }))
    .optional(),
  /** Legacy spelling, migrated to `api-key-entries`. */
  'api-keys': z.array(trimmed).optional(),
  models: z.array(modelAlias).optional(),
  headers: headerMap,
  'excluded-models': z.array(z.string().trim()).optional(),
  /** Our extension (Codex CLI's `wire_api` values): `chat` (default) = {base-url}/chat/completions, `responses` = {base-url}/responses. */
  'wire-api': z.enum(['chat', 'responses'], { error: 'must be chat (Chat Completions, the default) or responses (the Responses API)' }).optional(),
});

/**
 * cliproxyapi-plusplus's OpenAI-compatible shortcuts (`deepseek:`, `groq:`, … — see openai-compatible-presets.ts):
 * each entry is one key for that vendor; `base-url` defaults to the vendor's. `token-file` (the fork reads the key
 * from a file) is accepted but not read: the loader says to paste the key as `api-key`.
 */
const presetEntry = apiKeyEntry.extend({ 'api-key': trimmed.default(''), 'token-file': optionalString });
const presetList = z.array(presetEntry).default([]);

const STRATEGY_ALIASES: Record<string, string> = { rr: 'round-robin', ff: 'fill-first', wrr: 'weighted-round-robin' };
const strategy = z
  .enum(['round-robin', 'rr', 'fill-first', 'ff', 'weighted-round-robin', 'wrr'])
  .transform((value) => STRATEGY_ALIASES[value] ?? value);

const nonNegativeInt = z.number().int().min(0);

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A Go-style duration (`6h`, `90m`, `1h30m`, `45s`) or `0`; a bare number is seconds. Parsed to milliseconds. */
export const durationMs = z.union([z.number().min(0).transform((seconds) => Math.round(seconds * 1000)), z.string().trim()]).transform((value, context) => {
  if (typeof value === 'number') return value;
  if (/^0+$/.test(value)) return 0;
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(value)) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a duration: write it like 6h, 30m, 1h30m or 0 (off)` });
    return z.NEVER;
  }
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(match[1]) * DURATION_UNITS[match[2]];
  return Math.round(total);
});
/** A duration that must be longer than 0 (`session-affinity-ttl`). */
const duration = durationMs.refine((ms) => ms > 0, 'must be longer than 0 (e.g. 1h)');

/** `model-mappings`: ordered rules, first match wins (CLIProxyAPI's `ampcode.model-mappings` shape, plus globs and client keys). */
const modelMapping = z
  .strictObject({
    from: z.string().trim().min(1, 'from is required: the model id clients ask for (exact, a glob such as claude-*haiku*, or a regex with regex: true)'),
    to: z.string().trim().min(1, 'to is required: a model id we serve, a model-chains name, or an id with a thinking suffix such as gpt-5.5(high)'),
    regex: z.boolean().optional(),
    'client-keys': z.array(z.union([trimmed, z.number().transform(String)])).optional(),
  })
  .superRefine((rule, context) => {
    if (!rule.regex) return;
    try {
      new RegExp(rule.from, 'i');
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['from'], message: `is not a valid regular expression (${(error as Error).message}); fix it or drop regex: true to match it as a glob` });
    }
  });

/** `model-chains`: virtual models whose members are tried in order before the first byte. */
const modelChain = z
  .strictObject({
    name: z.string().trim().min(1, 'name is required: the model id clients ask for, e.g. coder'),
    models: z.array(z.string().trim().min(1, 'a member must name a model')).min(1, 'models needs at least one member, e.g. [claude-opus-4-7, gpt-5.5]'),
  })
  .superRefine((chain, context) => {
    const index = chain.models.findIndex((model) => model.toLowerCase() === chain.name.toLowerCase());
    if (index >= 0) context.addIssue({ code: 'custom', path: ['models', index], message: `a chain cannot name itself ("${chain.name}"); list real model ids instead` });
  });
const seconds = z.number().min(0).max(86_400);
const TIMEOUT_DEFAULTS = {
  'request-headers-seconds': 30,
  'request-body-idle-seconds': 60,
  'keep-alive-seconds': 65,
  'upstream-connect-seconds': 30,
  'upstream-first-byte-seconds': 300,
  'upstream-idle-seconds': 300,
};
const httpUrl = z.string().trim().regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// address');

/** One `models` entry of a `payload` rule (CLIProxyAPI's PayloadModelRule). */
const payloadModelRule = z.object({
  name: z.string().trim().min(1, 'model name is required (a glob such as gpt-*)'),
  protocol: z.enum(['openai', 'gemini', 'claude', 'codex', 'antigravity'], { message: 'must be openai, gemini, claude, codex or antigravity' }).optional(),
  'from-protocol': z.string().trim().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  match: z.array(z.record(z.string(), z.unknown())).optional(),
  'not-match': z.array(z.record(z.string(), z.unknown())).optional(),
  exist: z.array(z.string()).optional(),
  'not-exist': z.array(z.string()).optional(),
});
const payloadSetRule = z.object({ models: z.array(payloadModelRule).default([]), params: z.record(z.string(), z.unknown()).default({}) });
const rawJson = z.unknown().superRefine((value, context) => {
  if (typeof value !== 'string') return;
  try {
    JSON.parse(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'raw payload values must be valid JSON text (quote strings: "\"text\"")' });
  }
});
const payloadRawRule = z.object({ models: z.array(payloadModelRule).default([]), params: z.record(z.string(), rawJson).default({}) });
const payloadFilterRule = z.object({ models: z.array(payloadModelRule).default([]), params: z.array(z.string()).default([]) });

export const configFileSchema = z.object({
  host: z.string().trim().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8317),
  'auth-dir': z.string().trim().default('~/.cli-proxy-api'),
  'api-keys': z.array(z.union([trimmed, z.number().transform(String)])).default([]),
  debug: z.boolean().default(false),
  'logging-to-file': z.boolean().default(false),
  'logs-max-total-size-mb': nonNegativeInt.default(0),
  'usage-statistics-enabled': z.boolean().default(true),
  'ws-auth': z.boolean().default(false),
  /** Full request/response capture per request (the reference's name); off by default. */
  'request-log': z.boolean().default(false),
  /** Error-only logs kept while `request-log` is off; negative means the default (10), as in the reference. */
  'error-logs-max-files': z.number().int().default(10).transform((value) => (value < 0 ? 10 : value)),
  /** Our extension: how many full request logs are kept (oldest removed first). */
  'request-log-max-files': z.number().int().min(1).max(100_000).default(1000),
  /** Our extension: USD per million tokens by model glob, ahead of the built-in list (estimated costs). */
  'model-prices': z
    .array(
      z.object({
        model: z.string().trim().min(1, 'model is required (a model id or a glob such as claude-sonnet-4*)'),
        input: z.number().min(0, 'input must be USD per million input tokens (0 or more)'),
        output: z.number().min(0, 'output must be USD per million output tokens (0 or more)'),
        'cached-input': z.number().min(0).optional(),
      }),
    )
    .default([]),
  /** Our extension: each captured body is cut after this many KiB. */
  'request-log-body-limit-kb': z.number().int().min(1).max(65_536).default(1024),
  /** Our extension: how many days of per-request usage the database keeps. */
  'usage-retention-days': z.number().int().min(1).max(3650).default(90),
  'proxy-url': z.string().trim().default(''),
  'request-retry': nonNegativeInt.default(0),
  'max-retry-interval': z.number().int().default(0),
  'max-retry-credentials': nonNegativeInt.default(0),
  'disable-cooling': z.boolean().default(false),
  /** Forward the upstream's response headers (filtered) to clients. */
  'passthrough-headers': z.boolean().default(false),
  /** Seconds between "\n" bytes while a non-stream answer is pending (0 = off). */
  'nonstream-keepalive-interval': z.number().int().min(0).max(3600).default(0),
  /** CLIProxyAPI's upstream-body rules (pipeline/payload-rules.ts). */
  payload: z
    .object({
      default: z.array(payloadSetRule).default([]),
      'default-raw': z.array(payloadRawRule).default([]),
      override: z.array(payloadSetRule).default([]),
      'override-raw': z.array(payloadRawRule).default([]),
      filter: z.array(payloadFilterRule).default([]),
    })
    .default({ default: [], 'default-raw': [], override: [], 'override-raw': [], filter: [] }),
  /** Cooldown of a 408/5xx in seconds: 0 = 60 s (the reference's default), -1 = none. */
  'transient-error-cooldown-seconds': z.number().int().min(-1).default(0),
  'force-model-prefix': z.boolean().default(false),
  /** Our extension: largest accepted request body, in MiB. */
  'request-body-limit-mb': z.number().positive().max(1024).default(64),
  /** Our extension: how often each account's live model list is asked again (jittered ±10 %); `0` = never. */
  'model-list-refresh': durationMs.default(6 * 3_600_000),
  routing: z
    .object({
      strategy: strategy.default('round-robin'),
      /** Keep one conversation on one credential (CLIProxyAPI's key and default). */
      'session-affinity': z.boolean().default(false),
      'session-affinity-ttl': duration.default(3_600_000),
    })
    .default({ strategy: 'round-robin', 'session-affinity': false, 'session-affinity-ttl': 3_600_000 }),
  /** Our extension: ids no account lists but of a known family (claude-*, gpt-*, gemini-*) go to that family's keys without a models list. */
  'model-passthrough': z.boolean().default(true),
  'model-mappings': z.array(modelMapping).default([]),
  'model-chains': z
    .array(modelChain)
    .default([])
    .superRefine((chains, context) => {
      const seen = new Set<string>();
      chains.forEach((chain, index) => {
        const name = chain.name.toLowerCase();
        if (seen.has(name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `chain "${chain.name}" is defined twice; rename or remove one` });
        seen.add(name);
      });
    }),
  /** Our extension: largest upstream answer kept in memory (non-stream bodies), in MiB; streams are never held whole. */
  'upstream-body-limit-mb': z.number().positive().max(4096).default(64),
  /** Our extension: most client connections held open at once (idle and half-sent ones are closed first when full). */
  'max-connections': z.number().int().min(16).max(100_000).default(256),
  /** Our extension: how long the server and the upstream calls wait, in seconds (fractions allowed; 0 = no limit). */
  timeouts: z
    .object({
      'request-headers-seconds': seconds.default(30),
      'request-body-idle-seconds': seconds.default(60),
      'keep-alive-seconds': seconds.default(65),
      'upstream-connect-seconds': seconds.default(30),
      'upstream-first-byte-seconds': seconds.default(300),
      'upstream-idle-seconds': seconds.default(300),
    })
    .default(TIMEOUT_DEFAULTS),
  'remote-management': z
    .object({
      'allow-remote': z.boolean().default(false),
      'secret-key': z.string().trim().default(''),
      'disable-control-panel': z.boolean().default(false),
    })
    .default({ 'allow-remote': false, 'secret-key': '', 'disable-control-panel': false }),
  streaming: z
    .object({
      'keepalive-seconds': nonNegativeInt.default(15),
      'bootstrap-retries': nonNegativeInt.default(0),
    })
    .default({ 'keepalive-seconds': 15, 'bootstrap-retries': 0 }),
  'quota-exceeded': z
    .object({
      'switch-project': z.boolean().default(false),
      'switch-preview-model': z.boolean().default(false),
    })
    .default({ 'switch-project': false, 'switch-preview-model': false }),
  'gemini-api-key': z.array(apiKeyEntry).default([]),
  /** Legacy list of bare Gemini keys, migrated into `gemini-api-key`. */
  'generative-language-api-key': z.array(trimmed).optional(),
  'claude-api-key': z.array(apiKeyEntry).default([]),
  'codex-api-key': z.array(apiKeyEntry).default([]),
  /** xAI keys (CLIProxyAPI's Codex-shaped entries: `base-url` required, normally https://api.x.ai/v1). */
  'xai-api-key': z.array(apiKeyEntry).default([]),
  /** Vertex AI keys (CLIProxyAPI's shape: `api-key` sent as x-goog-api-key; `base-url` defaults to https://aiplatform.googleapis.com). */
  'vertex-api-key': z.array(apiKeyEntry).default([]),
  'openai-compatibility': z.array(openAiCompatibilityEntry).default([]),
  minimax: presetList,
  roo: presetList,
  kilo: presetList,
  deepseek: presetList,
  groq: presetList,
  mistral: presetList,
  siliconflow: presetList,
  openrouter: presetList,
  together: presetList,
  fireworks: presetList,
  novita: presetList,
  'oauth-excluded-models': z.record(z.string(), z.array(z.string().trim())).default({}),
  /** cliproxyapi-plusplus: the upstream base URL per OAuth channel (e.g. a corporate gateway). */
  'oauth-upstream': z.record(z.string(), httpUrl).default({}),
  /** Our extension: any named endpoint of a login provider (`token`, `authorize`, `usage`, …), per channel. */
  'oauth-endpoints': z.record(z.string(), z.record(z.string(), httpUrl)).default({}),
  /** Amp CLI through the proxy (the reference's Amp module): model traffic served here, the rest of Amp's API passed on. */
  ampcode: z
    .object({
      'upstream-url': httpUrl.optional(),
      'upstream-api-key': z.string().trim().default(''),
      'restrict-management-to-localhost': z.boolean().default(false),
      /** Per client key, the Amp key sent to Amp's servers instead of `upstream-api-key`. */
      'upstream-api-keys': z
        .array(z.object({ 'upstream-api-key': z.string().trim().min(1), 'api-keys': z.array(z.string().trim().min(1)).default([]) }))
        .default([]),
      /** Amp provider routes only: a model no account serves is renamed (first match wins; `regex` is case-insensitive). */
      'model-mappings': z
        .array(z.object({ from: z.string().trim().min(1), to: z.string().trim().min(1), regex: z.boolean().default(false) }))
        .default([]),
      /** Apply `model-mappings` before looking for an account that serves the requested model. */
      'force-model-mappings': z.boolean().default(false),
    })
    .default({ 'upstream-api-key': '', 'restrict-management-to-localhost': false, 'upstream-api-keys': [], 'model-mappings': [], 'force-model-mappings': false }),
  'oauth-model-alias': z
    .record(
      z.string(),
      z.array(z.object({ name: z.string().trim().min(1), alias: z.string().trim().min(1), fork: z.boolean().optional() })),
    )
    .default({}),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ConfigFileInput = z.input<typeof configFileSchema>;

/** Every top-level key the schema knows; anything else in the file is kept and warned about. */
export const KNOWN_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.keys(configFileSchema.shape));

/** Keys that need a restart to take effect. */
export const RESTART_KEYS: readonly string[] = ['host', 'port'];
