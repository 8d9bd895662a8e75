import type { AccountManager } from '../credentials/account-manager.js';
import { AuthDirReadOnlyError, type AuthFileStore } from '../credentials/auth-file-store.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { AuthFileView } from './management/contract.js';
import type { AuthFileService } from './management/services.js';

/** Management's view of auth-dir files: what each file is, and whether this build can use it. */
export function createAuthFileService(
  store: () => AuthFileStore,
  providers: ReadonlyMap<string, ProviderDefinition>,
  accounts?: AccountManager,
  /** Switches a file's credentials on or off in memory only (undefined: back to what the file says). */
  override?: (fileName: string, disabled: boolean | undefined) => void,
): AuthFileService {
  const byFileType = new Map<string, ProviderDefinition>();
  for (const provider of providers.values()) if (provider.accounts) byFileType.set(provider.accounts.fileType, provider);
  return {
    async list() {
      const records = await store().list();
      const problems = accounts?.problems() ?? new Map<string, string>();
      const shadowed = accounts?.shadowed() ?? new Map<string, string>();
      return records.map((record): AuthFileView => {
        const type = typeof record.data?.type === 'string' ? record.data.type : '';
        const provider = byFileType.get(type);
        const label = [record.data?.label, record.data?.email, record.data?.username].find((value) => typeof value === 'string' && value) as string | undefined;
        const disabled = record.data?.disabled === true;
        const problem = record.problem ?? problems.get(record.name);
        const winner = shadowed.get(record.name);
        const status: AuthFileView['status'] = problem ? 'invalid' : !provider ? 'unsupported' : disabled ? 'disabled' : 'active';
        return {
          id: record.name,
          name: record.name,
          type,
          provider: provider?.id ?? type,
          label: label ?? record.name,
          disabled,
          status,
          statusMessage: problem
            ? `This file cannot be used: ${problem}`
            : !provider
              ? `Accounts of type "${type}" are not supported by this build yet; the file is kept unchanged.`
              : winner
                ? `An older copy of the account in ${winner}, which is used instead.`
                : disabled
                  ? 'Disabled.'
                  : 'Ready.',
          shadowedBy: winner ?? null,
          size: record.size,
          modtime: new Date(record.modifiedAt).toISOString(),
        };
      });
    },
    // Applied at once (not only when the folder watcher notices): the caller reads the new state next.
    async setDisabled(name, disabled) {
      try {
        await store().setDisabled(name, disabled);
      } catch (error) {
        if (!(error instanceof AuthDirReadOnlyError) || !override) throw error;
        override(name, disabled);
        return { persisted: false, reason: `${error.message} Until then the switch applies until the proxy restarts.` };
      }
      override?.(name, undefined);
      await accounts?.reload();
      return { persisted: true };
    },
    async remove(name) {
      await store().remove(name);
      await accounts?.reload();
    },
  };
}
