import type { AccountImporter } from '../provider-definition.js';
import { kiroRecord, normaliseAuthMethod } from './account-file.js';
import { readExpiry } from '../../credentials/account-entry.js';
import { lookupKiroEmail } from './device-login.js';
import { DEFAULT_KIRO_REGION } from './endpoints.js';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The Kiro IDE's token cache `~/.aws/sso/cache/kiro-auth-token.json` (camelCase `accessToken`, `refreshToken`,
 * `profileArn`, `expiresAt`, `authMethod`, `provider`, `clientIdHash`, `region`, `startUrl`); for Builder ID /
 * IAM Identity Center logins the IDE keeps the OIDC client in `~/.aws/sso/cache/<clientIdHash>.json`, whose
 * `clientId` / `clientSecret` may also be merged into the same object by the caller ([PP] pkg/llmproxy/auth/kiro/
 * aws.go L20-55, L180-210). The same account imported twice has the same identity, so it replaces itself.
 */
export const kiroIdeImporter: AccountImporter = {
  description: 'Kiro IDE (~/.aws/sso/cache/kiro-auth-token.json)',
  defaultPaths: ['.aws/sso/cache/kiro-auth-token.json'],
  async read(data, context, source) {
    const accessToken = text(data.accessToken);
    if (!accessToken || data.type !== undefined) return undefined;
    // Builder ID / Identity Center: the IDE keeps the registered OIDC client next to the token, in <clientIdHash>.json.
    const clientIdHash = text(data.clientIdHash);
    const client = clientIdHash && /^[A-Za-z0-9_-]+$/.test(clientIdHash) ? await source?.readSibling(`${clientIdHash}.json`) : undefined;
    const clientId = text(data.clientId) ?? text(client?.clientId);
    const clientSecret = text(data.clientSecret) ?? text(client?.clientSecret);
    const authMethod = normaliseAuthMethod(text(data.authMethod), Boolean(clientId && clientSecret));
    if (authMethod !== 'social' && !(clientId && clientSecret)) {
      throw new Error(
        `this Kiro IDE login (${text(data.authMethod) ?? 'AWS'}) keeps its OIDC client in ~/.aws/sso/cache/${text(data.clientIdHash) ?? '<clientIdHash>'}.json, which is needed to refresh it: log in here instead with \`cliproxyctl login --provider kiro --device\``,
      );
    }
    // The cache has no e-mail; ask the vendor so the account has a stable identity (profile ARNs can be shared).
    const email = text(data.email) ?? (await lookupKiroEmail(context, accessToken, text(data.profileArn), text(data.region) ?? DEFAULT_KIRO_REGION));
    return kiroRecord({
      accessToken,
      refreshToken: text(data.refreshToken),
      expiresAt: readExpiry(data, ['expiresAt', 'expires_at']),
      profileArn: text(data.profileArn),
      authMethod,
      provider: text(data.provider),
      clientId,
      clientSecret,
      region: text(data.region),
      startUrl: text(data.startUrl),
      email,
    });
  },
};
