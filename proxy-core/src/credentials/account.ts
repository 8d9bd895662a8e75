/**
 * A subscription account as the proxy holds it: the tokens and the facts read from its auth-dir file.
 * Providers translate between this and their file layout (CLIProxyAPI's field names).
 */
export interface AccountTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch ms when the access token expires; undefined when the file does not say. */
  expiresAt?: number;
  /** Epoch ms of the last successful login or refresh. */
  refreshedAt?: number;
}

export interface AccountRecord {
  tokens: AccountTokens;
  /** Safe to show: the e-mail or account name. */
  label: string;
  email?: string;
  /** What makes two files the same account (e-mail, account id); the newest file of an identity wins. */
  identity: string;
  /** Vendor plan or tier (`plus`, `pro`, `free-tier`, …). */
  plan?: string;
  /** Google Cloud projects (Gemini CLI, Antigravity). */
  projects?: string[];
  /** Other facts the provider's executor needs (e.g. Codex `account_id`). Never tokens. */
  attributes: Record<string, string>;
}

/** One quota allowance (the management `QuotaBucketView`, with times as epoch ms). */
export interface QuotaBucket {
  id: string;
  label: string;
  remainingFraction?: number;
  remaining?: number;
  limit?: number;
  unit?: string;
  resetsAt?: number;
  models?: string[];
}
