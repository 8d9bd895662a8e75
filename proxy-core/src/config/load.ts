/**
 * Reads config.yaml: YAML → zod (kebab-case file shape) → `ProxyConfig`. Every problem is reported as
 * `file:line:column: key: what is wrong; how to fix it`. Unknown keys stay in the document and become warnings.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { sha256Hex } from '../shared/index.js';
import { checkKeys, schemaKeysAt } from './check-keys.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { describeConfigIssue, describeValue, isSecretKeyPath, withGot } from './describe-issue.js';
import { syntaxProblem, yamlMessage } from './yaml-syntax.js';
import { expandHome } from './paths.js';
import { toProxyConfig, type ConfigWarning, type ProxyConfig } from './proxy-config.js';
import { configFileSchema, type ConfigFile } from './schema.js';
import { dottedKey, locatePath, nodeAtOffset, parseDottedKey, positionAt } from './yaml-locate.js';

export interface LoadedConfig {
  path: string;
  text: string;
  /** The parsed YAML, comments and unknown keys included. */
  document: Document;
  /** The validated file, kebab-case, defaults applied. */
  file: ConfigFile;
  config: ProxyConfig;
  /** Unknown keys, ignored entries, YAML warnings; sorted by line. */
  warnings: ConfigWarning[];
  /** sha256 hex of `text`; the watcher uses it to skip unchanged saves. */
  hash: string;
}

export interface ParseConfigOptions {
  /** The user's home directory, for `~` in `auth-dir`. */
  home: string;
}

/** Empty values (`port:` with nothing after it) mean "use the default", as in CLIProxyAPI. List items are kept. */
function dropEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item !== null && typeof item === 'object' ? dropEmptyValues(item) : item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => [key, dropEmptyValues(item)]),
  );
}

function byPosition(left: { line?: number; column?: number }, right: { line?: number; column?: number }): number {
  return (left.line ?? Infinity) - (right.line ?? Infinity) || (left.column ?? 0) - (right.column ?? 0);
}

interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: unknown;
}

/** One zod issue → a located problem, with list-specific advice and secrets masked. */
function issueProblem(issue: SchemaIssue, document: Document, lineCounter: LineCounter): ConfigProblem {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const input = issue.input;
  let message = withGot(issue.message, input);
  const isListItem = typeof path[path.length - 1] === 'number';
  if (issue.code === 'invalid_type' && issue.expected === 'object' && isListItem && input !== undefined && typeof input !== 'object') {
    // e.g. `gemini-api-key: ["AIza…"]`: entries are blocks of named settings, not bare values.
    const firstKey = schemaKeysAt(configFileSchema, path)?.[0] ?? 'name';
    message = `expected an entry of named settings, got ${describeValue(input)}; write it as "- ${firstKey}: …"`;
  } else if (input === null && isListItem) {
    message = `${message}; fill in a value or delete the line`;
  }
  if (typeof input === 'string' && isSecretKeyPath(path)) {
    message = message.split(describeValue(input)).join(describeValue(input, { secret: true }));
  }
  return { key: dottedKey(path), ...locatePath(document, lineCounter, path), message };
}

/** Parse and validate config.yaml text. Throws `ConfigError` listing every problem found. */
export function parseConfigText(text: string, filePath: string, options: ParseConfigOptions): LoadedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    // Later syntax errors are usually consequences of the first one, so only the first is reported.
    throw new ConfigError(filePath, syntaxProblem(document, lineCounter, text, document.errors[0]));
  }
  const warnings: ConfigWarning[] = document.warnings.map((warning) => ({
    key: dottedKey(nodeAtOffset(document, warning.pos[0]).path),
    line: positionAt(lineCounter, warning.pos[0]).line,
    message: yamlMessage(warning),
  }));

  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    // The value itself is not shown: a file holding one bare value may well be a pasted key.
    const found = isSeq(contents) ? 'a list' : 'a single value';
    throw new ConfigError(filePath, {
      key: '',
      ...positionAt(lineCounter, contents.range?.[0] ?? 0),
      message: `the file must consist of "key: value" settings (e.g. port: 8317), but it holds ${found}`,
    });
  }

  let raw: unknown;
  try {
    raw = dropEmptyValues(document.toJS({ maxAliasCount: 100 }) ?? {});
  } catch (error) {
    throw new ConfigError(filePath, { key: '', message: `cannot read the YAML: ${(error as Error).message}` }, { cause: error });
  }

  const keyCheck = checkKeys(document, lineCounter, configFileSchema);
  warnings.push(...keyCheck.warnings);
  const result = configFileSchema.safeParse(raw, { reportInput: true, error: describeConfigIssue });
  const problems: ConfigProblem[] = [...keyCheck.problems];
  for (const issue of result.error?.issues ?? []) problems.push(issueProblem(issue, document, lineCounter));
  if (problems.length > 0 || !result.success) throw new ConfigError(filePath, problems.sort(byPosition));

  const converted = toProxyConfig(result.data, (value) => expandHome(value, options.home));
  for (const warning of converted.warnings) {
    warnings.push({ ...warning, line: warning.line ?? locatePath(document, lineCounter, parseDottedKey(warning.key)).line });
  }

  return {
    path: filePath,
    text,
    document,
    file: result.data,
    config: converted.config,
    warnings: warnings.sort(byPosition),
    hash: sha256Hex(text),
  };
}

export interface LoadConfigFileOptions extends ParseConfigOptions {
  /** Production: `fs.promises.readFile`. */
  readFile: (path: string, encoding: 'utf8') => Promise<string>;
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the file does not exist; create it, or point --config (or CLIPROXY_CONFIG) at the right file';
  if (code === 'EACCES' || code === 'EPERM') return `cannot read the file (${code}); give your user read permission on it`;
  if (code === 'EISDIR') return 'this is a folder; point --config at the config.yaml file inside it';
  return `cannot read the file: ${(error as Error | undefined)?.message ?? String(error)}`;
}

/** Read and parse a config file. Throws `ConfigError` (the original error is its `cause` when reading failed). */
export async function loadConfigFile(filePath: string, options: LoadConfigFileOptions): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await options.readFile(filePath, 'utf8');
  } catch (error) {
    throw new ConfigError(filePath, { key: '', message: readProblem(error) }, { cause: error });
  }
  return parseConfigText(text, filePath, options);
}
