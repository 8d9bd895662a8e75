import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { Button, Field, Loading, Notice } from '../components/index.js';
import { useModel } from './app-context.js';

/** Asks for the management key (browser at /ui), or shows why the desktop connection failed. */
export function ConnectScreen() {
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
        <Loading label="Connecting to the proxy…" />
      </div>
    );
  }

  return (
    <main className="connect">
      <div className="connect-card">
        <img className="connect-mark" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={44} height={44} />
        <h1>Connect to CLIProxy</h1>
        {mode === 'desktop' ? (
          <>
            <Notice tone="error" title="The dashboard cannot reach the proxy">
              {message}
            </Notice>
            <Button variant="primary" icon="refresh" onClick={() => void connect()}>
              Try again
            </Button>
          </>
        ) : (
          <form onSubmit={submit} className="connect-form" noValidate>
            <p className="connect-lead">
              Enter the management key of the proxy at <span className="mono">{baseUrl.replace(/^https?:\/\//, '')}</span>: the key printed once
              when the proxy first started (config.yaml keeps only its hash). Lost it? Run{' '}
              <span className="mono">cliproxyctl reset-management-key</span> on the proxy&apos;s machine for a new one.
            </p>
            <Field label="Management key" error={phase === 'need-key' ? message : null}>
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
              <span>Remember on this computer</span>
            </label>
            <p className="connect-note">Without this, the key is forgotten when you close the tab.</p>
            <Button type="submit" variant="primary" busy={phase === 'verifying'} className="connect-submit">
              Connect
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
