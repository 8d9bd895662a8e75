export { createClientSetup, GuidedClientError, UnknownClientError, type ClientSetup, type ClientSetupDeps, type ClientState, type ClientStatus } from './client-setup.js';
export { ModelNotServedError, PLACEHOLDER_KEY, proxyBaseUrl, rootUrl, type ClientContext, type ClientDefinition, type GuidedStep, type SetupTarget } from './client-definition.js';
export { CLIENTS, cherryStudioLink } from './clients/index.js';
export { createSetupWriter, SetupConflictError, type PlannedFile, type SetupPlan, type SetupWriter } from './setup-writer.js';
export type { SetupFileSystem } from './setup-state.js';
export { UnreadableFileError } from './unreadable-file-error.js';
