import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

/**
 * Schema migrations, in order; `PRAGMA user_version` records how many have run. Append new ones, never edit old ones:
 * a user's database may be at any earlier version.
 */
const MIGRATIONS: ReadonlyArray<(db: SqliteDatabase) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS requests (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        client_key TEXT NOT NULL,
        provider TEXT NOT NULL,
        credential_id TEXT NOT NULL,
        credential_label TEXT NOT NULL,
        requested_model TEXT NOT NULL,
        upstream_model TEXT NOT NULL,
        client_format TEXT NOT NULL,
        upstream_format TEXT NOT NULL,
        stream INTEGER NOT NULL,
        status INTEGER NOT NULL,
        latency_ms INTEGER NOT NULL,
        ttfb_ms INTEGER,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cached_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        total_tokens INTEGER NOT NULL,
        estimated INTEGER NOT NULL,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX IF NOT EXISTS requests_by_time ON requests (time);
    `);
  },
  // The error's code (`model_not_found`, …) so the dashboard can list the models clients asked for that nobody serves.
  // Idempotent, so its place in this list can move when branches that add migrations are merged.
  (db) => addColumn(db, 'error_code', 'TEXT'),
  // Why the request went where it did: mapping rule, chain member, skipped members (nullable; idempotent so it
  // can sit in any position when merged with other column additions).
  (db) => addColumn(db, 'route_note', 'TEXT'),
  // Each account a request tried or skipped, as JSON (nullable; idempotent like the ones above).
  (db) => addColumn(db, 'tried', 'TEXT'),
  // Estimated cost in USD at the time of the request (nullable: no price known; idempotent).
  (db) => addColumn(db, 'cost_usd', 'REAL'),
];

function addColumn(db: SqliteDatabase, name: string, type: string): void {
  const columns = db.prepare('PRAGMA table_info(requests)').all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === name)) db.exec(`ALTER TABLE requests ADD COLUMN ${name} ${type}`);
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** SQLite's answers for a file that is not (or no longer) a database we can read. */
const CORRUPTION_CODES = /^SQLITE_(NOTADB|CORRUPT)/;

function prepare(db: SqliteDatabase, warnings: string[], file: string): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    warnings.push(`The usage database ${file} was written by a newer version (schema ${version}, this one knows ${SCHEMA_VERSION}); it is used as is.`);
  }
  db.transaction(() => {
    for (let index = version; index < SCHEMA_VERSION; index += 1) MIGRATIONS[index](db);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  // Reads the schema, so a damaged first page fails here rather than on the first request.
  db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
}

function stamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}

/** Moves a damaged database (and its WAL) aside, so it can be inspected and a fresh one created in its place. */
function setAside(file: string, time: number): string {
  let target = `${file}.corrupt-${stamp(time)}`;
  for (let suffix = 1; fs.existsSync(target); suffix += 1) target = `${file}.corrupt-${stamp(time)}-${suffix}`;
  fs.renameSync(file, target);
  if (fs.existsSync(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${target}-wal`);
  fs.rmSync(`${file}-shm`, { force: true });
  return target;
}

/**
 * Owner-only modes for the database and its journal files. SQLite creates `-wal`/`-shm` with the database file's
 * mode, so the file is created 0600 before SQLite opens it; files left by an older version are tightened too.
 */
function restrictModes(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(path, 0o600);
    } catch {
      // -wal/-shm do not exist yet, or a file system without Unix modes: nothing to tighten.
    }
  }
}

function openFile(file: string, warnings: string[]): SqliteDatabase {
  if (file !== ':memory:') restrictModes(file);
  const db = new Database(file);
  try {
    prepare(db, warnings, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating) the usage database. Never throws: a corrupt file is renamed to `<file>.corrupt-<timestamp>` and
 * replaced; a file that cannot be opened at all (permissions, locked by another process) is left alone and usage
 * is kept in memory for this run. Either way a warning says what happened and what to do.
 */
export function openUsageDatabase(file: string, clock: () => number, warnings: string[]): SqliteDatabase {
  if (file === ':memory:') return openFile(file, warnings);
  try {
    fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    return openFile(file, warnings);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const reason = (error as Error).message;
    if (CORRUPTION_CODES.test(code)) {
      try {
        const aside = setAside(file, clock());
        const db = openFile(file, warnings);
        warnings.push(`The usage database ${file} was damaged (${reason}); it was moved to ${aside} and a new, empty one was started. Usage history before now is in the moved file.`);
        return db;
      } catch (retryError) {
        warnings.push(`The usage database ${file} is damaged (${reason}) and could not be replaced (${(retryError as Error).message}); usage is kept in memory until restart. Move or delete the file, then restart.`);
        return openFile(':memory:', warnings);
      }
    }
    warnings.push(`The usage database ${file} could not be opened (${reason}); usage is kept in memory until restart. Check the folder's permissions and that no other copy of the proxy uses it.`);
    return openFile(':memory:', warnings);
  }
}
