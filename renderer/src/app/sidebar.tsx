import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Icon, StatusPill } from '../components/index.js';
import { isBlockedSubscription } from '../stores/index.js';
import { useModel } from './app-context.js';
import { ROUTES, type RouteId } from './routes.js';

export function Sidebar({ route }: { route: RouteId }) {
  const model = useModel();
  const { t } = useTranslation();
  const { mode, baseUrl, signOut } = useStore(model.connection);
  const status = useStore(model.status, (state) => state.status);
  const reachable = status.data !== null && (status.error === null || status.error.kind === 'http');
  const resting = useStore(model.status, (state) => (state.status.data ? state.status.data.credentials.cooling + state.status.data.credentials.disabled : 0));
  // Cooling and disabled accounts are in the status counts already; add logins that need renewing or ran dry.
  const blocked = useStore(model.accounts, (state) => (state.accounts.data ?? []).filter((account) => isBlockedSubscription(account, model.clock.now())).length);
  const attention = resting + blocked;

  return (
    <aside className="sidebar">
      <div className="sidebar-inner">
        <div className="brand">
          <img className="brand-mark" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={30} height={30} />
          <div>
            <div className="brand-name">CLIProxy</div>
            <div className="brand-sub">{t('shell.brandSub')}</div>
          </div>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul className="nav-list">
            {ROUTES.map((item) => (
              <li key={item.id}>
                <a className={`nav-link${route === item.id ? ' nav-link-active' : ''}`} href={`#/${item.id}`} aria-current={route === item.id ? 'page' : undefined}>
                  <Icon name={item.icon} />
                  <span>{t(`nav.${item.id}`)}</span>
                  {item.id === 'accounts' && attention > 0 ? (
                    <span className="nav-badge" title={t('nav.attention', { count: attention })}>
                      {attention}
                      <span className="visually-hidden">{t('nav.needAttention')}</span>
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <div className="sidebar-status">
            {status.data === null && status.error === null ? (
              <StatusPill tone="muted" label={t('shell.checking')} />
            ) : reachable ? (
              <StatusPill tone="ok" label={t('shell.running')} />
            ) : (
              <StatusPill tone="error" label={t('shell.unreachable')} />
            )}
            {status.data ? <span className="sidebar-version">v{status.data.version}</span> : null}
          </div>
          <div className="sidebar-url mono" title={baseUrl}>
            {baseUrl.replace(/^https?:\/\//, '')}
          </div>
          {mode === 'browser' ? (
            <button type="button" className="link-button sidebar-signout" onClick={signOut}>
              <Icon name="signout" size={15} /> {t('shell.forgetKey')}
            </button>
          ) : null}
        </div>
      </div>
    </aside>
  );
}
