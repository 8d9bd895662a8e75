export { buildAccountRows, coolingDetail, coolingReason, credentialRow, fileRow, needsAttention, sortedCooldowns, type AccountRemoval, type AccountRow, type AccountState } from './account-rows.js';
export { createAccountsStore, type AccountAction, type AccountsDeps, type AccountsState, type AccountsStore, type LoginPanel, type StartLoginOptions } from './accounts-store.js';
export { createConnectionStore, explain, KEY_STORAGE_NAME, type ConnectionPhase, type ConnectionState, type ConnectionStore, type DesktopBridge, type KeyStorage } from './connection-store.js';
export { createCredentialsStore, type CredentialsState, type CredentialsStore } from './credentials-store.js';
export { createLogsStore, matchesText, type LogFilters, type LogLevel, type LogsState, type LogsStore, type StreamStatus } from './logs-store.js';
export { createModelsStore, exclusionName, hideTarget, type ClientView, type ModelsState, type ModelsStore } from './models-store.js';
export { createPoller, documentVisibility, type Poller, type Visibility } from './poller.js';
export { createLoader, emptyResource, type Resource } from './resource.js';
export { createStatusStore, type StatusState, type StatusStore } from './status-store.js';
export { createToastStore, describeWrite, type Toast, type ToastState, type ToastStore } from './toast-store.js';
export {
  accountStatus,
  defaultFlow,
  exhaustedBuckets,
  isBlockedSubscription,
  FLOW_LABELS,
  isLoopbackHost,
  LOW_QUOTA,
  needsAttentionAccount,
  quotaBar,
  quotaBars,
  quotaSource,
  remainingShare,
  subscriptionFiles,
  subscriptionRow,
  TERMINAL_LOGIN,
  tokenFacts,
  type AccountStatus,
  type QuotaBar,
  type QuotaLevel,
} from './subscription-accounts.js';
export { createUsageStore, rangeStart, type UsageRange, type UsageReport, type UsageState, type UsageStore } from './usage-store.js';
export { ENGLISH_WORDS, type Words } from './words.js';
export { ENGLISH_SAY, type Say } from './say.js';
