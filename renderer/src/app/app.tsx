import { useEffect, useRef } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Notice, Toasts } from '../components/index.js';
import { withoutLocation } from '../format/index.js';
import { AccountsPage } from '../features/accounts/index.js';
import { ConnectPage } from '../features/connect/index.js';
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
import type { RouteId } from './routes.js';
import { Sidebar } from './sidebar.js';
import { useHashRoute } from './use-hash-route.js';

const PAGES: Record<RouteId, () => React.JSX.Element> = {
  overview: OverviewPage,
  accounts: AccountsPage,
  models: ModelsPage,
  connect: ConnectPage,
  usage: UsagePage,
  requests: RequestsPage,
  logs: LogsPage,
  troubleshooting: TroubleshootingPage,
  settings: SettingsPage,
};

export function App({ model }: { model: AppModel }) {
  const language = useStore(model.language, (state) => state.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <I18nextProvider i18n={model.i18n}>
      <ModelProvider model={model}>
        <Root />
        <Toasts store={model.toasts} />
      </ModelProvider>
    </I18nextProvider>
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
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('shell.documentTitle', { page: t(`nav.${route}`) });
    // Move focus to the new page for keyboard and screen-reader users (only on a page change, not on load).
    if (shownRoute.current !== route) main.current?.focus();
    shownRoute.current = route;
  }, [route, t, i18n.language]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
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
  const { t } = useTranslation();
  const resource = useStore(status, (state) => state.status);
  const error = resource.error;
  const file = resource.data?.config;
  return (
    <div className="banners">
      {error && error.kind !== 'http' ? (
        <Notice tone="error" title={t('banner.notAnswering')}>
          {error.message}
          {resource.data ? t('banner.lastGood') : ''}
        </Notice>
      ) : null}
      {file && !file.persisted ? (
        <Notice tone="warn" title={t('banner.notSaved')}>
          {t('banner.notSavedText', { path: file.path })}
        </Notice>
      ) : null}
      {file?.lastReloadError ? (
        <Notice tone="error" title={t('banner.reloadFailed')}>
          {file.lastReloadError.line
            ? t(file.lastReloadError.column ? 'banner.positionColumn' : 'banner.position', { line: file.lastReloadError.line, column: file.lastReloadError.column })
            : ''}
          {file.lastReloadError.line ? withoutLocation(file.lastReloadError.error) : file.lastReloadError.error} <a href="#/settings">{t('banner.openEditor')}</a>
        </Notice>
      ) : null}
    </div>
  );
}
