import type { ModelAlias } from '../config/proxy-config.js';

/** Where a credential came from, so management can edit or delete it at its source. */
export type CredentialSource =
  | { type: 'config'; yamlKey: string; index: number; keyIndex?: number }
  | { type: 'file'; path: string; fileName: string }
  /** Present only while something is connected (an AI Studio tab on the relay); nothing to edit on disk. */
  | { type: 'runtime'; origin: string };

/**
 * One usable account or key. API-key credentials are synthesised from config.yaml; OAuth credentials come
 * from auth-dir files. The secret never leaves this object: logs and the UI use `label`.
 */
export interface Credential {
  /** Stable id: `<kind>:<12 hex>` for config keys (like the reference), the file name for auth files. */
  id: string;
  /** First 16 hex chars of a sha256 seed, the reference's `auth_index`. */
  authIndex: string;
  /** Provider definition id (`claude`, `gemini`, `codex`, `openai-compatible`, …). */
  provider: string;
  /** What users see as the provider: the openai-compatibility entry name, else the provider id. */
  group: string;
  kind: 'api-key' | 'oauth';
  /** Safe to show: masked key or account e-mail. */
  label: string;
  priority: number;
  /** Share under weighted-round-robin; absent = 1, ≤ 0 = left out by that strategy. */
  weight?: number;
  prefix?: string;
  baseUrl?: string;
  proxyUrl?: string;
  headers: Record<string, string>;
  /** Models this credential serves with aliases; empty = the provider's catalogue. */
  models: ModelAlias[];
  excludedModels: string[];
  disabled: boolean;
  /** The API key or access token. */
  secret: string;
  source: CredentialSource;
  /**
   * OAuth credentials: the account file it comes from, the project when one account has several, the plan,
   * and the provider's endpoints after config/env overrides (`api` is the upstream base URL).
   */
  account?: { file: string; project?: string; plan?: string; endpoints: Readonly<Record<string, string>> };
}
