/** Response shapes the renderer uses that are not part of the management contract (yet). */
export type { AuthFileView, ConfigResponse, CredentialPatchResult, HealthResponse, ProviderEntry, ProviderListKey, UsageRecordView } from './contract.js';
export { OPENAI_COMPATIBLE_PRESETS, PROVIDER_LIST_KEYS } from './contract.js';

/** An entry of `GET /v1/models` in the OpenAI dialect. */
export interface ClientModel {
  id: string;
  owned_by?: string;
}

export type { DiagnosticCheck, DiagnosticFixResult, DiagnosticGroup, DiagnosticStatus } from './contract.js';
export { DIAGNOSTIC_AREAS, groupDiagnosticChecks } from './contract.js';
export type { DiagnosticStatus as CheckStatus } from './contract.js';

export type UsageGroupBy = 'day' | 'hour' | 'model' | 'credential' | 'client-key' | 'provider';
