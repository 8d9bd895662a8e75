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

const apiKeyEntry = z.object({
  'api-key': trimmed,
  priority,
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
    .array(z.object({ 'api-key': trimmed, 'proxy-url': optionalString, disabled: z.boolean().optional() }))
    .optional(),
  /** Legacy spelling, migrated to `api-key-entries`. */
  'api-keys': z.array(trimmed).optional(),
  models: z.array(modelAlias).optional(),
  headers: headerMap,
  'excluded-models': z.array(z.string().trim()).optional(),
});

const strategy = z
  .enum(['round-robin', 'rr', 'fill-first', 'ff'])
  .transform((value) => (value === 'rr' ? 'round-robin' : value === 'ff' ? 'fill-first' : value));

const nonNegativeInt = z.number().int().min(0);
const httpUrl = z.string().trim().regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// address');

export const configFileSchema = z.object({
  host: z.string().trim().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8317),
  'auth-dir': z.string().trim().default('~/.cli-proxy-api'),
  'api-keys': z.array(z.union([trimmed, z.number().transform(String)])).default([]),
  debug: z.boolean().default(false),
  'logging-to-file': z.boolean().default(false),
  'logs-max-total-size-mb': nonNegativeInt.default(0),
  'usage-statistics-enabled': z.boolean().default(true),
  /** Our extension: how many days of per-request usage the database keeps. */
  'usage-retention-days': z.number().int().min(1).max(3650).default(90),
  'proxy-url': z.string().trim().default(''),
  'request-retry': nonNegativeInt.default(0),
  'max-retry-interval': z.number().int().default(0),
  'max-retry-credentials': nonNegativeInt.default(0),
  'disable-cooling': z.boolean().default(false),
  'force-model-prefix': z.boolean().default(false),
  /** Our extension: largest accepted request body, in MiB. */
  'request-body-limit-mb': z.number().positive().max(1024).default(64),
  routing: z.object({ strategy: strategy.default('round-robin') }).default({ strategy: 'round-robin' }),
  'remote-management': z
    .object({
      'allow-remote': z.boolean().default(false),
      'secret-key': z.string().trim().default(''),
      'disable-control-panel': z.boolean().default(false),
    })
    .default({ 'allow-remote': false, 'secret-key': '', 'disable-control-panel': false }),
  streaming: z
    .object({
      'keepalive-seconds': nonNegativeInt.default(0),
      'bootstrap-retries': nonNegativeInt.default(0),
    })
    .default({ 'keepalive-seconds': 0, 'bootstrap-retries': 0 }),
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
  'openai-compatibility': z.array(openAiCompatibilityEntry).default([]),
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
    })
    .default({ 'upstream-api-key': '', 'restrict-management-to-localhost': false }),
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
