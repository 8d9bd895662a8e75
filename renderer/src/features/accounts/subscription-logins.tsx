import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Loading, Notice, Spinner } from '../../components/index.js';
import { LoginPanel } from './login-panel.js';

export const LOGIN_PANEL_ID = 'login-panel';

/** One "Log in with …" button per provider the proxy offers (GET /login-providers), and the login panel. */
export function SubscriptionLogins({ now }: { now: number }) {
  const model = useModel();
  const { t } = useTranslation('accounts');
  const providers = useStore(model.accounts, (state) => state.providers);
  const panel = useStore(model.accounts, (state) => state.login);
  const start = (id: string) => void model.accounts.getState().startLogin(id);

  let buttons;
  if (providers.data === null && providers.error === null) buttons = <Loading label={t('logins.loading')} />;
  else if (providers.data === null && providers.error?.notAvailable) {
    buttons = (
      <Notice tone="info" title={t('logins.notAvailable')}>
        {t('logins.notAvailableText')}
      </Notice>
    );
  } else if (providers.data === null) {
    buttons = (
      <Notice tone="error" title={t('logins.loadFailed')}>
        {providers.error?.message}
      </Notice>
    );
  } else if (providers.data.length === 0) {
    buttons = <p className="muted">{t('logins.none')}</p>;
  } else {
    buttons = (
      <div className="logins">
        {providers.data.map((provider) => {
          const current = panel?.providerId === provider.id;
          const starting = current && panel !== null && panel.view === null && panel.startError === null;
          return (
            <button
              key={provider.id}
              type="button"
              className={`login-button${current ? ' login-button-current' : ''}`}
              data-provider={provider.id}
              aria-controls={current ? LOGIN_PANEL_ID : undefined}
              aria-expanded={current}
              disabled={starting}
              onClick={() => start(provider.id)}
            >
              <span className="login-name">
                {starting ? <Spinner label={t('logins.starting')} /> : null}
                {t('logins.loginWith', { name: provider.name })}
              </span>
              <span className="login-hint">{provider.hint}</span>
            </button>
          );
        })}
      </div>
    );
  }

  return (
    <>
      {buttons}
      {providers.error && providers.data ? <Notice tone="warn" title={t('logins.refreshFailed')}>{providers.error.message}</Notice> : null}
      {panel ? (
        <div id={LOGIN_PANEL_ID}>
          <LoginPanel key={`${panel.providerId}|${panel.reloginOf ?? ''}`} panel={panel} now={now} />
        </div>
      ) : null}
    </>
  );
}
