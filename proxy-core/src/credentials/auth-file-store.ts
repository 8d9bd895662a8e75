import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import { ProxyError } from '../shared/errors.js';

export interface AuthFileRecord {
  name: string;
  path: string;
  size: number;
  modifiedAt: number;
  /** Parsed JSON, or undefined when the file is not a JSON object. */
  data?: Record<string, unknown>;
  /** Why the file cannot be used, if it cannot. */
  problem?: string;
}

export interface AuthFileStore {
  readonly dir: string;
  list(): Promise<AuthFileRecord[]>;
  /** Writes `disabled` into the file (unknown fields are kept), atomically with mode 0600. */
  setDisabled(name: string, disabled: boolean): Promise<void>;
  remove(name: string): Promise<void>;
}

export type AuthFileSystem = Pick<typeof fsPromises, 'readdir' | 'readFile' | 'writeFile' | 'rename' | 'stat' | 'unlink' | 'chmod'>;
type Fs = AuthFileSystem;

/** Only plain `*.json` names directly inside auth-dir; anything with a path separator is refused. */
function safeName(name: string): string {
  if (!/^[^/\\]+\.json$/.test(name) || name.startsWith('.') || name.includes('..')) {
    throw new ProxyError(`"${name}" is not a credential file name (expected something like claude-user@example.com.json).`, { status: 400, code: 'invalid_request' });
  }
  return name;
}

/** Codes of a folder or file this process may not change (a read-only mount, another owner). */
const READ_ONLY_CODES = new Set(['EPERM', 'EROFS', 'EACCES']);

/** A write the auth-dir refused: a 409 that names the folder and the fix (`code: auth_dir_read_only`). */
export class AuthDirReadOnlyError extends ProxyError {
  constructor(dir: string, action: string, code: string) {
    super(`Could not ${action} in the credential folder ${dir}: it is read-only for this program (${code}). Make it writable (chmod u+w ${JSON.stringify(dir)}, or remount it read-write), or point auth-dir in config.yaml at a writable folder, and try again.`, {
      status: 409,
      code: 'invalid_request',
      details: { code: 'auth_dir_read_only', folder: dir },
    });
  }
}

function readOnlyOr(dir: string, action: string) {
  return (error: NodeJS.ErrnoException): never => {
    if (error.code && READ_ONLY_CODES.has(error.code)) throw new AuthDirReadOnlyError(dir, action, error.code);
    throw error;
  };
}

/**
 * The auth-dir as a list of credential files (CLIProxyAPI's layout: one JSON object per top-level
 * `*.json` file with a `type`). Broken files are listed with the reason, never thrown on.
 */
export function createAuthFileStore(dir: string, fs: Fs = fsPromises): AuthFileStore {
  const read = async (name: string): Promise<AuthFileRecord> => {
    const file = path.join(dir, name);
    const stat = await fs.stat(file);
    const record: AuthFileRecord = { name, path: file, size: stat.size, modifiedAt: stat.mtimeMs };
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) record.problem = 'not a JSON object';
      else {
        record.data = parsed as Record<string, unknown>;
        if (typeof record.data.type !== 'string' || !record.data.type) record.problem = 'has no "type" field, so the provider is unknown';
      }
    } catch (error) {
      record.problem = `not valid JSON (${(error as Error).message})`;
    }
    return record;
  };

  return {
    dir,
    async list() {
      let names: string[];
      try {
        names = (await fs.readdir(dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const records = await Promise.all(names.sort().map((name) => read(name).catch(() => undefined)));
      return records.filter((record): record is AuthFileRecord => record !== undefined);
    },
    async setDisabled(name, disabled) {
      const record = await read(safeName(name)).catch(() => {
        throw new ProxyError(`No credential file "${name}" in ${dir}.`, { status: 404, code: 'invalid_request' });
      });
      if (!record.data) throw new ProxyError(`${name} cannot be changed: it is ${record.problem}.`, { status: 422, code: 'invalid_request' });
      const next = { ...record.data, disabled };
      const temporary = `${record.path}.${process.pid}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 }).catch(readOnlyOr(dir, `change ${name}`));
      await fs.rename(temporary, record.path).catch(async (error: NodeJS.ErrnoException) => {
        await fs.unlink(temporary).catch(() => undefined);
        return readOnlyOr(dir, `change ${name}`)(error);
      });
    },
    async remove(name) {
      await fs.unlink(path.join(dir, safeName(name))).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw new ProxyError(`No credential file "${name}" in ${dir}.`, { status: 404, code: 'invalid_request' });
        return readOnlyOr(dir, `delete ${name}`)(error);
      });
    },
  };
}
