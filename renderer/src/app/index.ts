export { App } from './app.js';
export { createAppModel, type AppEnvironment, type AppModel, type Timers } from './create-app-model.js';
export { ModelProvider, useModel, usePolling } from './app-context.js';
export { useNow } from './use-now.js';
export { ROUTES, routeFromHash, type RouteId } from './routes.js';
