/**
 * Import of login files and the backup bundle (export, import) for the Settings page. Holds the last outcome of
 * each so the card can show it; every call goes through the typed management client.
 */
import { createStore } from 'zustand/vanilla';
import { ManagementApiError, type AuthFileImportResponse, type BackupExport, type BackupImportResponse, type ManagementClient } from '../../api/index.js';

export interface BackupState {
  busy: 'files' | 'export' | 'restore' | null;
  files: AuthFileImportResponse | null;
  restored: BackupImportResponse | null;
  /** What went wrong with the last action, in the proxy's words. */
  error: { action: 'files' | 'export' | 'restore'; message: string; wrongPassphrase: boolean } | null;
  importFiles(files: Array<{ name: string; content: string }>): Promise<void>;
  /** The bundle's text, or null when the export failed (then `error` says why). */
  exportBackup(input: BackupExport): Promise<string | null>;
  restoreBackup(input: { text: string; passphrase?: string }): Promise<boolean>;
}

export type BackupStore = ReturnType<typeof createBackupStore>;

export function createBackupStore(client: Pick<ManagementClient, 'importLoginFiles' | 'exportBackup' | 'importBackup'>, onChanged: () => void) {
  const failed = (action: 'files' | 'export' | 'restore', error: unknown) => {
    const code = error instanceof ManagementApiError ? error.code : undefined;
    return { busy: null, error: { action, message: (error as Error).message, wrongPassphrase: code === 'wrong_passphrase' } };
  };
  return createStore<BackupState>()((set) => ({
    busy: null,
    files: null,
    restored: null,
    error: null,
    async importFiles(files) {
      set({ busy: 'files', error: null, files: null });
      try {
        const result = await client.importLoginFiles(files);
        set({ busy: null, files: result });
        if (result.imported > 0) onChanged();
      } catch (error) {
        set(failed('files', error));
      }
    },
    async exportBackup(input) {
      set({ busy: 'export', error: null });
      try {
        const text = await client.exportBackup(input);
        set({ busy: null });
        return text;
      } catch (error) {
        set(failed('export', error));
        return null;
      }
    },
    async restoreBackup({ text, passphrase }) {
      set({ busy: 'restore', error: null, restored: null });
      try {
        const restored = await client.importBackup({ bundle: text, passphrase: passphrase || undefined });
        set({ busy: null, restored });
        onChanged();
        return true;
      } catch (error) {
        set(failed('restore', error));
        return false;
      }
    },
  }));
}
