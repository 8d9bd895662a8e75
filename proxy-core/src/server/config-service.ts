import { promises as fsPromises, watch } from 'node:fs';
import bcrypt from 'bcryptjs';
import { ConfigError } from '../config/config-error.js';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import type { ConfigWarning } from '../config/proxy-config.js';
import { applyConfigChanges, writeFileAtomic } from '../config/write.js';
import { watchConfigFile } from '../config/watch.js';
import { ProxyError } from '../shared/errors.js';
import { findForbiddenKey, forbiddenSegment } from '../shared/forbidden-keys.js';
import { parseDocumentValue } from './management/yaml-value.js';
import type { ConfigFileStatus, ManagementError, WriteResult } from './management/contract.js';
import { isBcryptHash } from './management/management-auth.js';
import type { ConfigChange, ConfigService } from './management/services.js';

/** One config warning as a log line: `config: line 7: routing.strategyy: unknown key …`. */
export function describeConfigWarning(warning: ConfigWarning): string {
  return `config: ${warning.line ? `line ${warning.line}: ` : ''}${warning.key}: ${warning.message}`;
}

export interface ConfigServiceOptions {
  path: string;
  initial: LoadedConfig;
  home: string;
  /** Installs a validated config into the running proxy. */
  install(loaded: LoadedConfig): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  watch: boolean;
  fs?: typeof fsPromises;
}

export interface RunningConfigService extends ConfigService {
  close(): void;
  current(): LoadedConfig;
}

function forbiddenKeyError(path: Array<string | number>): ProxyError {
  return new ProxyError(`The key "${path.at(-1)}" (at ${path.join('.')}) is not allowed in config.yaml: __proto__, constructor and prototype are never setting names.`, {
    status: 400,
    code: 'invalid_request',
    details: { key: path.join('.') },
  });
}

/** Every management write goes through here: no change may name or carry a prototype key. */
function refuseForbiddenKeys(changes: readonly ConfigChange[]): void {
  for (const change of changes) {
    const segment = forbiddenSegment(change.path);
    if (segment) throw forbiddenKeyError(change.path.slice(0, change.path.indexOf(segment) + 1));
    const inside = findForbiddenKey(change.value);
    if (inside) throw forbiddenKeyError([...change.path, ...inside]);
  }
}

function asManagementError(error: ConfigError): ManagementError {
  return { error: error.message, code: 'invalid_config', line: error.line, column: error.column, key: error.key };
}

function validationError(error: unknown): ProxyError {
  if (error instanceof ConfigError) {
    return new ProxyError(error.message, { status: 422, code: 'invalid_request', details: { code: 'invalid_config', line: error.line, column: error.column, key: error.key } });
  }
  return error instanceof ProxyError ? error : new ProxyError(String((error as Error)?.message ?? error), { status: 500, code: 'internal_error' });
}

/**
 * config.yaml at run time: management edits (validated, comment-preserving, atomic), hot reload on
 * external edits (the old config stays live when the new one is invalid), and the reference's
 * bcrypt-on-load of a plaintext management secret.
 */
export async function createConfigService(options: ConfigServiceOptions): Promise<RunningConfigService> {
  const fs = options.fs ?? fsPromises;
  let loaded = options.initial;
  let persisted = true;
  let writable = true;
  let lastReloadError: ManagementError | null = null;

  const parse = (text: string) => parseConfigText(text, options.path, { home: options.home });

  const persist = async (text: string): Promise<WriteResult> => {
    watcher?.markWritten(text);
    const result = await writeFileAtomic(options.path, text, { fs });
    writable = result.persisted;
    persisted = result.persisted;
    if (!result.persisted) {
      options.log('warn', `config change applied in memory only: ${result.reason}`);
      return { ok: true, persisted: false, reason: result.reason };
    }
    return { ok: true, persisted: true };
  };

  /** Hashes a plaintext management secret and writes the hash back (the reference does this on load). */
  const hashSecret = async (candidate: LoadedConfig): Promise<LoadedConfig> => {
    const secret = candidate.config.remoteManagement.secretKey;
    if (!secret || isBcryptHash(secret)) return candidate;
    const hashed = applyConfigChanges(candidate.text, [{ path: ['remote-management', 'secret-key'], value: bcrypt.hashSync(secret, 10) }]);
    const next = parse(hashed);
    const result = await persist(hashed);
    if (result.persisted) options.log('info', 'management secret-key was stored as a bcrypt hash in config.yaml');
    return next;
  };

  const install = async (candidate: LoadedConfig) => {
    loaded = await hashSecret(candidate);
    lastReloadError = null;
    options.install(loaded);
    for (const warning of loaded.warnings) options.log('warn', describeConfigWarning(warning));
  };

  const onExternalChange = async (text: string) => {
    if (text === loaded.text) {
      // The file is back to what is running (an invalid edit was undone): nothing to reload, no error left.
      if (lastReloadError) options.log('info', `config.yaml is back to the version in use: the earlier error is gone (${options.path})`);
      lastReloadError = null;
      persisted = true;
      return;
    }
    try {
      const next = parse(text);
      const failedBefore = lastReloadError !== null;
      await install(next);
      persisted = true;
      options.log('info', failedBefore ? `config reloaded from ${options.path}: it loads again after the earlier error, and the new settings are in use` : `config reloaded from ${options.path}`);
    } catch (error) {
      if (error instanceof ConfigError) {
        lastReloadError = asManagementError(error);
        options.log('error', `config reload failed, keeping the previous config: ${error.message}`);
      } else options.log('error', `config reload failed: ${(error as Error).message}`);
    }
  };

  // One queue for every read-modify-write of config.yaml: management writes, reloads and external edits.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };

  const watcher = options.watch
    ? watchConfigFile(options.path, (text) => void serial(() => onExternalChange(text)), { fs: { watch, readFile: (file, encoding) => fsPromises.readFile(file, encoding) }, initialText: loaded.text })
    : undefined;
  loaded = await hashSecret(loaded);
  options.install(loaded);

  const change = async (text: string): Promise<WriteResult> => {
    let next: LoadedConfig;
    try {
      next = parse(text);
    } catch (error) {
      throw validationError(error);
    }
    const result = await persist(text);
    await install(next);
    return result;
  };

  const reload = async (): Promise<{ ok: boolean; error?: ManagementError }> => {
    try {
      const text = await fs.readFile(options.path, 'utf8');
      const next = parse(text);
      const failedBefore = lastReloadError !== null;
      await install(next);
      persisted = true;
      if (failedBefore) options.log('info', `config reloaded from ${options.path}: it loads again after the earlier error, and the new settings are in use`);
      return { ok: true };
    } catch (error) {
      if (error instanceof ConfigError) {
        lastReloadError = asManagementError(error);
        options.log('error', `config reload failed, keeping the previous config: ${error.message}`);
        return { ok: false, error: lastReloadError };
      }
      const message = `could not read ${options.path}: ${(error as Error).message}`;
      lastReloadError = { error: message, code: 'unreadable' };
      options.log('error', message);
      return { ok: false, error: lastReloadError };
    }
  };

  return {
    path: options.path,
    current: () => loaded,
    text: () => loaded.text,
    status: (): ConfigFileStatus => ({
      path: options.path,
      writable,
      persisted,
      lastReloadError,
      warnings: loaded.warnings.map((warning) => ({ key: warning.key, line: warning.line, message: warning.message })),
    }),
    update: (changes) =>
      serial(async () => {
        const list = typeof changes === 'function' ? changes(loaded.text) : changes;
        refuseForbiddenKeys(list);
        if (list.length === 0) return { ok: true, persisted: true };
        return change(applyConfigChanges(loaded.text, list));
      }),
    replace: (text: string) =>
      serial(async () => {
        const forbidden = findForbiddenKey(parseDocumentValue(text));
        if (forbidden) throw forbiddenKeyError(forbidden);
        return change(text);
      }),
    reload: () => serial(reload),
    close() {
      watcher?.close();
    },
  };
}
