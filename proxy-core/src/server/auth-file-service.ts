import type { AuthFileStore } from '../credentials/auth-file-store.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { AuthFileView } from './management/contract.js';
import type { AuthFileService } from './management/services.js';

/** Management's view of auth-dir files: what each file is, and whether this build can use it. */
export function createAuthFileService(store: () => AuthFileStore, providers: ReadonlyMap<string, ProviderDefinition>): AuthFileService {
  return {
    async list() {
      const records = await store().list();
      return records.map((record): AuthFileView => {
        const type = typeof record.data?.type === 'string' ? record.data.type : '';
        const label = [record.data?.label, record.data?.email, record.data?.username].find((value) => typeof value === 'string' && value) as string | undefined;
        const disabled = record.data?.disabled === true;
        const supported = providers.has(type) || (type === 'gemini' && providers.has('gemini-cli'));
        const status: AuthFileView['status'] = record.problem ? 'invalid' : !supported ? 'unsupported' : disabled ? 'disabled' : 'active';
        return {
          id: record.name,
          name: record.name,
          type,
          provider: type === 'gemini' ? 'gemini-cli' : type,
          label: label ?? record.name,
          disabled,
          status,
          statusMessage: record.problem
            ? `This file is ${record.problem}.`
            : !supported
              ? `Accounts of type "${type}" are not supported by this build yet; the file is kept unchanged.`
              : disabled
                ? 'Disabled.'
                : 'Ready.',
          size: record.size,
          modtime: new Date(record.modifiedAt).toISOString(),
        };
      });
    },
    setDisabled: (name, disabled) => store().setDisabled(name, disabled),
    remove: (name) => store().remove(name),
  };
}
