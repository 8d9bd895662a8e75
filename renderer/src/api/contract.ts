/**
 * The only door from the renderer into proxy-core: the management contract (types and zod request schemas).
 * Everything else the dashboard knows about the proxy comes over HTTP.
 */
export {
  MANAGEMENT_BASE,
  authFileStatusSchema,
  configPatchSchema,
  credentialPatchSchema,
  logsQuerySchema,
  providerEntryAppendSchema,
  providerEntryPatchSchema,
  usageQuerySchema,
  PROVIDER_LIST_KEYS,
} from '../../../proxy-core/src/server/management/contract.js';
export type {
  AuthFileView,
  ConfigResponse,
  CredentialPatchResult,
  HealthResponse,
  ProviderEntry,
  ProviderListKey,
  UsageRecordView,
  ConfigFileStatus,
  ConfigPatch,
  CooldownView,
  CredentialStateName,
  CredentialView,
  LogEntryView,
  LogsResponse,
  ManagementError,
  ModelView,
  StatusResponse,
  UsageResponse,
  UsageRow,
  UsageSummary,
  WriteResult,
} from '../../../proxy-core/src/server/management/contract.js';
