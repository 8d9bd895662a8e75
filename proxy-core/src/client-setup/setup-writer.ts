/**
 * The one place client settings files are written: plan (read, edit in memory, diff), apply (timestamped
 * backup of the previous bytes, atomic write, remember what we wrote) and revert (restore exactly the bytes
 * from before the first setup, or remove a file we created). Every client goes through it.
 */
import path from 'node:path';
import { writeFileAtomic } from '../config/write-file-atomic.js';
import { createRedactor } from '../observability/redact.js';
import { readState, setupDir, sha256, writeState, type ClientRecord, type SetupFileSystem } from './setup-state.js';
import { unifiedDiff } from './unified-diff.js';
import { UnreadableFileError } from './unreadable-file-error.js';

export interface FileEdit {
  path: string;
  /** Returns the new text for the current text ('' when the file does not exist); throws UnreadableFileError. */
  edit(text: string): string;
}

export interface PlannedFile {
  path: string;
  /** undefined: the file does not exist yet. */
  before: string | undefined;
  after: string;
  changed: boolean;
  /** Unified diff with every secret masked, for showing. */
  diff: string;
}

export interface SetupPlan {
  clientId: string;
  files: PlannedFile[];
}

export interface SetupWriterDeps {
  fs: SetupFileSystem;
  dataDir: string;
  clock: () => Date;
}

export class SetupConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupConflictError';
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

export function createSetupWriter(deps: SetupWriterDeps) {
  const { fs, dataDir, clock } = deps;

  /** The file's text, undefined when it does not exist; refuses files that are not UTF-8 (we could not restore them byte for byte). */
  async function read(filePath: string): Promise<string | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      if (errorCode(error) === 'EISDIR') throw new UnreadableFileError(filePath, 1, 1, 'this is a folder, not a file');
      throw error;
    }
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) throw new UnreadableFileError(filePath, 1, 1, 'the file is not UTF-8 text');
    return text;
  }

  async function plan(clientId: string, edits: readonly FileEdit[], secrets: readonly string[]): Promise<SetupPlan> {
    const redactor = createRedactor();
    redactor.setSecrets(secrets.filter((secret) => secret.length > 0));
    const files: PlannedFile[] = [];
    for (const edit of edits) {
      const before = await read(edit.path);
      const after = edit.edit(before ?? '');
      // A file that does not exist and gets no content stays absent (a client's file we only read).
      const changed = before === undefined ? after !== '' : before !== after;
      files.push({ path: edit.path, before, after, changed, diff: changed ? redactor.redact(unifiedDiff(edit.path, before, after)) : '' });
    }
    return { clientId, files };
  }

  /** The outermost missing folder on the way to `filePath`, if any (what a recursive mkdir would create). */
  async function missingFolder(filePath: string): Promise<string | undefined> {
    let missing: string | undefined;
    for (let folder = path.dirname(filePath); folder !== path.dirname(folder); folder = path.dirname(folder)) {
      if (await fs.stat(folder).then(() => true, () => false)) break;
      missing = folder;
    }
    return missing;
  }

  /** Removes the folders between `filePath` and `createdFolder` that are empty now, innermost first. */
  async function removeEmptyFolders(filePath: string, createdFolder: string): Promise<void> {
    for (let folder = path.dirname(filePath); folder.startsWith(createdFolder); folder = path.dirname(folder)) {
      try {
        await fs.rmdir(folder);
      } catch {
        return; // not empty (the user put something there), or already gone
      }
      if (folder === createdFolder) return;
    }
  }

  function backupPath(clientId: string, filePath: string): string {
    const stamp = clock().toISOString().replace(/[:.]/g, '-');
    return path.join(setupDir(dataDir), 'backups', clientId, `${stamp}-${path.basename(filePath)}`);
  }

  /** Writes a planned setup. Refuses when a file changed after the plan was made (plan again and show the new diff). */
  async function apply(setup: SetupPlan, options: { model?: string } = {}): Promise<{ written: string[]; backups: string[] }> {
    for (const file of setup.files) {
      if ((await read(file.path)) !== file.before) throw new SetupConflictError(`${file.path} changed after the preview; preview again to see the current diff.`);
    }
    const state = await readState(fs, dataDir);
    const record: ClientRecord = state.clients[setup.clientId] ?? { appliedAt: '', files: [] };
    const written: string[] = [];
    const backups: string[] = [];
    for (const file of setup.files) {
      if (!file.changed) continue;
      let backup: string | null = null;
      if (file.before !== undefined) {
        backup = backupPath(setup.clientId, file.path);
        const saved = await writeFileAtomic(backup, file.before, { fs });
        if (!saved.persisted) throw new Error(`Could not back up ${file.path}: ${saved.reason}. Nothing was changed.`);
        backups.push(backup);
      }
      const createdFolder = file.before === undefined ? await missingFolder(file.path) : undefined;
      const result = await writeFileAtomic(file.path, file.after, { fs, mode: 0o600 }).catch((error: Error) => {
        throw new Error(`Could not write ${file.path} (${error.message}).${written.length > 0 ? ` ${written.join(', ')} ${written.length === 1 ? 'was' : 'were'} written before it; revert puts ${written.length === 1 ? 'it' : 'them'} back.` : ''}`);
      });
      if (!result.persisted) throw new Error(`Could not write ${file.path}: ${result.reason.replace(/; the change applies until restart but was not saved$/, '')}.`);
      written.push(file.path);
      const existing = record.files.find((entry) => entry.path === file.path);
      // Revert goes back to the file as it was before our first setup, so the first backup is the one kept.
      if (existing) existing.written = sha256(file.after);
      else record.files.push({ path: file.path, backup, written: sha256(file.after), ...(createdFolder ? { createdFolder } : {}) });
      // Remembered after every file, so a failure on the next one still leaves this one revertible.
      record.appliedAt = clock().toISOString();
      if (options.model) record.model = options.model;
      state.clients[setup.clientId] = record;
      await writeState(fs, dataDir, state);
    }
    // Nothing written (already set up, by hand or by us): nothing remembered, and nothing for revert to undo.
    return { written, backups };
  }

  /** Files of this client whose bytes differ from what we last wrote. */
  async function changedSinceWritten(clientId: string): Promise<string[]> {
    const record = (await readState(fs, dataDir)).clients[clientId];
    if (!record) return [];
    const changed: string[] = [];
    for (const file of record.files) {
      const current = await read(file.path).catch(() => undefined);
      if (current === undefined || sha256(current) !== file.written) changed.push(file.path);
    }
    return changed;
  }

  async function record(clientId: string): Promise<ClientRecord | undefined> {
    return (await readState(fs, dataDir)).clients[clientId];
  }

  /**
   * Restores every file to its bytes from before the first setup (removes files we created). A file edited
   * since we wrote it is only reverted with `force`, since that would discard the edits.
   */
  async function revert(clientId: string, options: { force?: boolean } = {}): Promise<{ restored: string[]; removed: string[] }> {
    const state = await readState(fs, dataDir);
    const entry = state.clients[clientId];
    if (!entry) throw new SetupConflictError(`${clientId} was not set up by CLIProxy Desktop on this machine, so there is nothing to revert.`);
    const changed = await changedSinceWritten(clientId);
    if (changed.length > 0 && !options.force) {
      throw new SetupConflictError(`${changed.join(', ')} changed since CLIProxy Desktop wrote ${changed.length === 1 ? 'it' : 'them'}; reverting would discard those edits. Revert with force to do it anyway.`);
    }
    const restored: string[] = [];
    const removed: string[] = [];
    for (const file of entry.files) {
      if (file.backup === null) {
        try {
          await fs.unlink(file.path);
          removed.push(file.path);
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') throw error;
        }
        continue;
      }
      const bytes = await fs.readFile(file.backup, 'utf8');
      const result = await writeFileAtomic(file.path, bytes, { fs });
      if (!result.persisted) throw new Error(`Could not restore ${file.path}: ${result.reason.replace(/; the change applies until restart but was not saved$/, '')}.`);
      restored.push(file.path);
    }
    // After every file is gone: a folder two of our files shared is empty only now.
    for (const file of entry.files) if (file.createdFolder && removed.includes(file.path)) await removeEmptyFolders(file.path, file.createdFolder);
    delete state.clients[clientId];
    await writeState(fs, dataDir, state);
    return { restored, removed };
  }

  return { read, plan, apply, revert, changedSinceWritten, record };
}

export type SetupWriter = ReturnType<typeof createSetupWriter>;
