import type { AccountSupport, ProviderDefinition } from '../../providers/provider-definition.js';

/** A provider that only has logins (its accounts are never read or refreshed), for the login service's tests. */
export function loginOnlyProvider(id: string, displayName: string, login: AccountSupport['login']): ProviderDefinition {
  const unused = () => {
    throw new Error('not used by login tests');
  };
  return {
    id,
    displayName,
    format: 'openai-chat',
    catalog: [],
    operations: ['generate'],
    buildRequest: () => ({ url: 'http://unused.invalid', method: 'POST', headers: {} }),
    accounts: {
      fileType: id,
      hint: 'for tests',
      endpoints: {},
      refreshLeadMs: null,
      parse: unused,
      toFile: () => ({}),
      fileName: () => `${id}.json`,
      refresh: async () => unused(),
      login,
    },
  };
}
