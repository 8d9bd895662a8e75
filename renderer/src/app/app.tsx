import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { Notice, Toasts } from '../components/index.js';
import { withoutLocation } from '../format/index.js';
import { AccountsPage } from '../features/accounts/index.js';
import { LogsPage } from '../features/logs/index.js';
import { ModelsPage } from '../features/models/index.js';
import { OverviewPage } from '../features/overview/index.js';
import { RequestsPage } from '../features/requests/index.js';
import { SettingsPage } from '../features/settings/index.js';
import { TroubleshootingPage } from '../features/troubleshooting/index.js';
import { UsagePage } from '../features/usage/index.js';
import { ModelProvider, useModel } from './app-context.js';
import { ConnectScreen } from './connect-screen.js';
import type { AppModel } from './create-app-model.js';
import { ROUTES, type RouteId } from './routes.js';
import { Sidebar } from './sidebar.js';
import { useHashRoute } from './use-hash-route.js';

const PAGES: Record<RouteId, () => React.JSX.Element> = {
  overview: OverviewPage,
  accounts: AccountsPage,
  models: ModelsPage,
  usage: UsagePage,
  requests: RequestsPage,
  logs: LogsPage,
  troubleshooting: TroubleshootingPage,
  settings: SettingsPage,
};

export function App({ model }: { model: AppModel }) {
  return (
    <ModelProvider model={model}>
      <Root />
      <Toasts store={model.toasts} />
    </ModelProvider>
  );
}

function Root() {
  const { connection, poller } = useModel();
  const phase = useStore(connection, (state) => state.phase);
  useEffect(() => {
    void connection.getState().connect();
  }, [connection]);
  useEffect(() => {
    if (phase !== 'ready') return;
    poller.start();
    return () => poller.stop();
  }, [phase, poller]);
  return phase === 'ready' ? <Shell /> : <ConnectScreen />;
}

function Shell() {
  const route = useHashRoute();
  const main = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);
  const Page = PAGES[route];
  useEffect(() => {
    document.title = `${ROUTES.find((item) => item.id === route)?.label ?? 'Overview'} · CLIProxy`;
    // Move focus to the new page for keyboard and screen-reader users (only on a page change, not on load).
    if (shownRoute.current !== route) main.current?.focus();
    shownRoute.current = route;
  }, [route]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar route={route} />
      <main id="main" className="main" ref={main} tabIndex={-1}>
        <GlobalBanners />
        <Page />
      </main>
    </div>
  );
}

/** Problems that matter on every page: proxy unreachable, config not saved, config reload failed. */
function GlobalBanners() {
  const { status } = useModel();
  const resource = useStore(status, (state) => state.status);
  const error = resource.error;
  const file = resource.data?.config;
  return (
    <div className="banners">
      {error && error.kind !== 'http' ? (
        <Notice tone="error" title="The proxy is not answering">
          {error.message}
          {resource.data ? ' The figures below are from the last successful refresh.' : ''}
        </Notice>
      ) : null}
      {file && !file.persisted ? (
        <Notice tone="warn" title="Changes are live but not saved">
          {file.path} could not be written (read-only), so recent changes last only until the proxy restarts.
        </Notice>
      ) : null}
      {file?.lastReloadError ? (
        <Notice tone="error" title="config.yaml has an error; the previous settings are still in use">
          {file.lastReloadError.line ? `Line ${file.lastReloadError.line}${file.lastReloadError.column ? `, column ${file.lastReloadError.column}` : ''}: ` : ''}
          {file.lastReloadError.line ? withoutLocation(file.lastReloadError.error) : file.lastReloadError.error} <a href="#/settings">Open the editor</a>
        </Notice>
      ) : null}
    </div>
  );
}
