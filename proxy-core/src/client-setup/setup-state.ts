/**
 * What the writer remembers per client in `<data-dir>/client-setup/state.json`: for each file it wrote, the
 * backup of the bytes from before the first setup (null: the file did not exist) and a hash of what it wrote,
 * so revert can restore exactly those bytes and drift can tell "changed since we wrote it".
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, type AtomicWriteFileSystem } from '../config/write-file-atomic.js';

const fileRecordSchema = z.object({
  path: z.string().min(1),
  /** Backup file holding the bytes from before our first write; null when we created the file. */
  backup: z.string().min(1).nullable(),
  /** sha256 of the bytes we last wrote. */
  written: z.string().regex(/^[0-9a-f]{64}$/),
  /** The outermost folder our first write created (removed again on revert when empty). */
  createdFolder: z.string().min(1).optional(),
});

const clientRecordSchema = z.object({
  appliedAt: z.string(),
  model: z.string().optional(),
  files: z.array(fileRecordSchema),
});

const stateSchema = z.object({ version: z.literal(1), clients: z.record(z.string(), clientRecordSchema) });

export type FileRecord = z.infer<typeof fileRecordSchema>;
export type ClientRecord = z.infer<typeof clientRecordSchema>;
export type SetupState = z.infer<typeof stateSchema>;

export type SetupFileSystem = AtomicWriteFileSystem & Pick<typeof import('node:fs/promises'), 'readFile' | 'rmdir'>;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function setupDir(dataDir: string): string {
  return path.join(dataDir, 'client-setup');
}

export function stateFile(dataDir: string): string {
  return path.join(setupDir(dataDir), 'state.json');
}

export async function readState(fs: SetupFileSystem, dataDir: string): Promise<SetupState> {
  let text: string;
  try {
    text = await fs.readFile(stateFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, clients: {} };
    throw error;
  }
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${stateFile(dataDir)} is not a client-setup state file (${issue?.path.join('.') || 'root'}: ${issue?.message}). Move it aside to start over; the backups beside it stay usable by hand.`);
  }
  return parsed.data;
}

export async function writeState(fs: SetupFileSystem, dataDir: string, state: SetupState): Promise<void> {
  const result = await writeFileAtomic(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`, { fs });
  if (!result.persisted) throw new Error(`Could not save the client-setup state: ${result.reason}`);
}
