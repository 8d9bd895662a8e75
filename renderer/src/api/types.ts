/** Response shapes the renderer uses that are not part of the management contract (yet). */
export type { AuthFileView, ConfigResponse, CredentialPatchResult, HealthResponse, ProviderEntry, ProviderListKey, UsageRecordView } from './contract.js';
export { PROVIDER_LIST_KEYS } from './contract.js';

/** An entry of `GET /v1/models` in the OpenAI dialect. */
export interface ClientModel {
  id: string;
  owned_by?: string;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

export interface DiagnosticCheck {
  id: string;
  title: string;
  symptom?: string;
  cause?: string;
  status: CheckStatus;
  summary: string;
  evidence: Record<string, unknown>;
  remediation?: string;
  fix?: { id: string; label: string };
}

export interface DiagnosticFixResult {
  ok: boolean;
  message: string;
  check: DiagnosticCheck;
}

export type UsageGroupBy = 'day' | 'hour' | 'model' | 'credential' | 'client-key' | 'provider';
