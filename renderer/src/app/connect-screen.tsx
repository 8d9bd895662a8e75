import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Button, Field, Loading, Notice } from '../components/index.js';
import { useModel } from './app-context.js';

/** Asks for the management key (browser at /ui), or shows why the desktop connection failed. */
export function ConnectScreen() {
  const { t } = useTranslation('connect');
  const { connection } = useModel();
  const { phase, mode, message, baseUrl, submitKey, connect } = useStore(connection);
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitKey(key, remember);
  };

  if (phase === 'connecting') {
    return (
      <div className="connect">
        <Loading label={t('signIn.connecting')} />
      </div>
    );
  }

  return (
    <main className="connect">
      <div className="connect-card">
        <img className="connect-mark" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={44} height={44} />
        <h1>{t('signIn.title')}</h1>
        {mode === 'desktop' ? (
          <>
            <Notice tone="error" title={t('signIn.cannotReach')}>
              {message}
            </Notice>
            <Button variant="primary" icon="refresh" onClick={() => void connect()}>
              {t('signIn.tryAgain')}
            </Button>
          </>
        ) : (
          <form onSubmit={submit} className="connect-form" noValidate>
            <p className="connect-lead">
              <Trans t={t} i18nKey="signIn.lead" values={{ host: baseUrl.replace(/^https?:\/\//, '') }} components={{ mono: <span className="mono" /> }} />
            </p>
            <Field label={t('signIn.key')} error={phase === 'need-key' ? message : null}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  type="password"
                  autoComplete="current-password"
                  autoFocus
                  value={key}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(event) => setKey(event.target.value)}
                />
              )}
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
              <span>{t('signIn.remember')}</span>
            </label>
            <p className="connect-note">{t('signIn.rememberNote')}</p>
            <Button type="submit" variant="primary" busy={phase === 'verifying'} className="connect-submit">
              {t('signIn.submit')}
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
