import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';
import { authFilesOf, credentialsOf } from './inventory.js';
import { kiroAccountsOutcome } from './checks-kiro.js';

interface ProviderRow {
  id: string;
  provider: string;
  /** auth-file `type` values of this provider. */
  types: readonly string[];
  name: string;
  symptom: string;
  cause: string;
  instead: string;
  /** Added to the summary when the provider is supported and has accounts (how to triage the row's symptom). */
  triage?: string;
}

/** Providers that matrix rows are about and that this build may not support yet (support is read at run time). */
const PROVIDER_ROWS: readonly ProviderRow[] = [
  {
    id: 'provider-kiro',
    provider: 'kiro',
    types: ['kiro'],
    name: 'Kiro',
    symptom: 'Kiro remaining quota unknown or near exhaustion; Kiro OAuth auth loops',
    cause: 'Wrong or exhausted Kiro credential, stale quota signal, or token files without refresh fields',
    instead: 'For Claude models, log in with Claude Code or add a claude-api-key',
  },
  {
    id: 'provider-iflow',
    provider: 'iflow',
    types: ['iflow'],
    name: 'iFlow',
    symptom: 'iFlow glm-4.7 returns 406; iFlow login succeeded but most iFlow models are unavailable',
    cause: 'iFlow request/header rules per model, or an account that exposes only a subset of models',
    instead: 'Add the vendor behind the model (e.g. Zhipu GLM, Qwen, Kimi) as an openai-compatibility entry with its API key, or log in with Qwen or Kimi where supported',
    triage:
      'A 406 on a stream (glm-4.7) is retried once without streaming and still streamed to the client; a 406 after that is reported without cooling the account, so a model-chains fallback takes over. Each account serves only the models its live list names (Accounts → models; POST /v0/management/model-lists/refresh).',
  },
  {
    id: 'provider-kimi',
    provider: 'kimi',
    types: ['kimi'],
    name: 'Kimi',
    symptom: 'Kimi K2 thinking failures are hard to triage (CPB-0823)',
    cause: 'Provider-specific logs absent, or a client history whose tool-call turns lost their reasoning_content',
    instead: 'Add a Moonshot API key under openai-compatibility with base-url https://api.moonshot.ai/v1',
    triage:
      'Every request log line names its provider: filter the Logs page (or GET /v0/management/logs) for provider "kimi". Tool-call turns without reasoning_content are given one before they reach Kimi, so K2 thinking no longer refuses them.',
  },
  {
    id: 'provider-copilot',
    provider: 'github-copilot',
    types: ['github-copilot', 'copilot'],
    name: 'GitHub Copilot',
    symptom: 'Copilot CLI model mapping mismatch; Copilot 403s',
    cause: 'Copilot model ids differ from the registry names, or the Copilot plan lacks the model',
    instead: 'Use a Codex (ChatGPT) or Claude Code login, or an OpenAI/Anthropic API key',
  },
];

function providerCheck(row: ProviderRow): CheckDefinition {
  return {
    id: row.id,
    title: `${row.name} accounts`,
    symptom: row.symptom,
    cause: row.cause,
    needs: 'files',
    async run(context): Promise<CheckOutcome> {
      const fileTypes = [...context.providers.values()].map((provider) => (provider as { accounts?: { fileType?: string } }).accounts?.fileType);
      const supported = context.providers.has(row.provider) || row.types.some((type) => context.providers.has(type) || fileTypes.includes(type));
      const files = (await authFilesOf(context)).filter((file) => row.types.includes(file.type));
      const evidence: Record<string, unknown> = { supportedByThisBuild: supported, files: files.map((file) => ({ name: file.name, status: file.status })) };
      if (!supported) {
        if (files.length > 0) {
          return {
            status: 'warn',
            summary: `${files.length} ${row.name} account file(s) in auth-dir are kept but not used: this build does not support ${row.name} yet.`,
            evidence,
            remediation: `${row.instead}. The files stay untouched for when ${row.name} support arrives.`,
          };
        }
        return { status: 'unknown', summary: `${row.name} is not supported by this build yet, and no ${row.name} account is present.`, evidence, remediation: `${row.instead}.`, applies: false };
      }
      const credentials = credentialsOf(context).filter((credential) => credential.provider === row.provider);
      evidence.credentials = credentials.length;
      if (credentials.length === 0) return { status: 'unknown', summary: `${row.name} is supported, but no ${row.name} account is logged in.`, evidence, remediation: `Log in with cliproxyctl login --provider ${row.provider}.`, applies: false };
      const specific = row.provider === 'kiro' ? kiroAccountsOutcome(context, evidence) : undefined;
      if (specific) return specific;
      return { status: 'pass', summary: `${credentials.length} ${row.name} account(s) loaded; quota and cooldowns per account are on the Accounts page.${row.triage ? ` ${row.triage}` : ''}`, evidence };
    },
  };
}

/** Account types whose login leaves a refresh token (without one, the account loops back to login when the access token expires). */
const REFRESHING_TYPES = new Set(['claude', 'codex', 'gemini', 'gemini-cli', 'antigravity', 'kimi', 'qwen', 'iflow', 'kiro']);

async function runRefreshFields(context: DiagnosticsContext): Promise<CheckOutcome> {
  const authDir = context.config().loaded?.config.authDir;
  if (!authDir) return { status: 'unknown', summary: 'The auth-dir is not known until config.yaml loads.', evidence: {} };
  const files = (await authFilesOf(context)).filter((file) => file.status !== 'invalid' && file.status !== 'unsupported' && REFRESHING_TYPES.has(file.type));
  const missing: string[] = [];
  const identities = new Map<string, string[]>();
  for (const file of files) {
    const data = await fs.readFile(path.join(authDir, file.name), 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>, () => undefined);
    if (!data) continue;
    const token = data.token as Record<string, unknown> | undefined;
    const refresh = data.refresh_token ?? token?.refresh_token ?? data.refreshToken;
    if (typeof refresh !== 'string' || refresh.length === 0) missing.push(file.name);
    // One account = type + account id (or e-mail) + project: a Codex team and personal account share an e-mail.
    const who = data.account_id ?? data.email;
    if (typeof who === 'string' && who) {
      const identity = [data.type, who, data.project_id ?? ''].join('|');
      identities.set(identity, [...(identities.get(identity) ?? []), file.name]);
    }
  }
  const duplicates = [...identities.values()].filter((names) => names.length > 1);
  const evidence = { authDir, accountFiles: files.length, withoutRefreshToken: missing, duplicateAccounts: duplicates };
  if (files.length === 0) return { status: 'pass', summary: 'No subscription account file to check.', evidence, applies: false };
  if (missing.length > 0 || duplicates.length > 0) {
    const parts = [
      missing.length > 0 ? `${missing.length} file(s) have no refresh token (${missing.join(', ')}): they stop working when the access token expires` : '',
      duplicates.length > 0 ? `${duplicates.length} account(s) were imported more than once (${duplicates.map((names) => names.join(' + ')).join('; ')})` : '',
    ].filter(Boolean);
    return { status: 'warn', summary: `${parts.join('; ')}.`, evidence, remediation: 'Log in again with that provider to get a fresh token file, and delete the older duplicate files (Accounts → remove).' };
  }
  return { status: 'pass', summary: `All ${files.length} subscription account file(s) have a refresh token, with no duplicate imports.`, evidence };
}

export const providerChecks: readonly CheckDefinition[] = [
  ...PROVIDER_ROWS.map(providerCheck),
  {
    id: 'oauth-refresh-fields',
    title: 'Account files can refresh',
    symptom: 'OAuth auth loops: an account keeps asking to log in again',
    cause: 'Expired or missing token refresh fields, or duplicate token imports of one account',
    needs: 'files',
    run: runRefreshFields,
  },
  {
    id: 'mcp-memory-tools',
    title: 'MCP memory tools',
    symptom: 'MCP memory tools fail (`tool not found`, invalid params, or empty result)',
    cause: 'The MCP server lacks the memory tool registration, or the tools/call arguments do not match its schema',
    needs: 'files',
    async run(): Promise<CheckOutcome> {
      return {
        status: 'unknown',
        summary: 'Not a proxy concern: MCP tools run between your client and its MCP server; the proxy only forwards the model\'s tool calls and results unchanged.',
        evidence: { scope: 'outside the proxy' },
        applies: false,
        remediation: 'Run tools/list and one minimal tools/call against the same MCP endpoint; register the memory tools there and align the arguments with its schema.',
      };
    },
  },
];
