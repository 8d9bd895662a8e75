import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useModel } from '../../app/index.js';
import { Button, canOpenWithoutClick, CopyButton, Icon, Notice, openExternal, Spinner } from '../../components/index.js';
import { formatFromNow, formatMoment } from '../../format/index.js';
import { FLOW_LABELS, type LoginPanel as LoginPanelState } from '../../stores/index.js';

/** A login in progress: the link to open, the code or the paste field, progress, and the result. */
export function LoginPanel({ panel, now }: { panel: LoginPanelState; now: number }) {
  const model = useModel();
  const actions = model.accounts.getState();
  const toastError = (message: string) => model.toasts.getState().show('error', message);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = useRef<string | null>(null);
  const view = panel.view;
  const status = view?.status ?? 'starting';
  const waiting = status === 'waiting';

  // A new login panel takes the focus, so keyboard and screen-reader users land on it (switching the flow
  // or "Try again" keeps the focus where it is).
  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Inside the desktop app the browser opens by itself for the browser flow (no pop-up blocker there).
  useEffect(() => {
    if (view && view.status === 'waiting' && view.flow === 'browser' && view.url && opened.current !== view.id && canOpenWithoutClick()) {
      opened.current = view.id;
      openExternal(view.url);
    }
  }, [view]);

  const title = panel.reloginOf ? `Log in again to ${panel.providerName}` : `Log in with ${panel.providerName}`;
  const active = status === 'starting' || status === 'waiting' || status === 'exchanging';

  return (
    <section className="login-panel" aria-labelledby={headingId} data-login-status={status}>
      <div className="login-panel-header">
        <div>
          <h3 id={headingId} ref={heading} tabIndex={-1} className="login-panel-title">
            {title}
          </h3>
          {panel.reloginOf ? <p className="small muted">Sign in with {panel.reloginOf} so the existing account gets new tokens.</p> : null}
        </div>
        {active ? (
          <Button size="sm" variant="ghost" icon="close" busy={panel.cancelling} onClick={() => void actions.cancelLogin().then(() => heading.current?.focus())}>
            Cancel login
          </Button>
        ) : (
          <Button size="sm" variant="ghost" icon="close" onClick={() => actions.closeLogin()}>
            Close
          </Button>
        )}
      </div>

      {panel.flows.length > 1 && active ? <FlowChooser panel={panel} /> : null}
      {panel.options.includes('projectId') && active ? <ProjectChooser panel={panel} /> : null}

      {panel.startError ? (
        <Notice
          tone="error"
          title="The login could not start"
          action={
            <Button size="sm" variant="primary" icon="refresh" onClick={() => {
                heading.current?.focus();
                void actions.retryLogin();
              }}>
              Try again
            </Button>
          }
        >
          {panel.startError.message}
        </Notice>
      ) : !view ? (
        <div className="login-progress" role="status">
          <Spinner label="Starting the login" />
          <span>Starting the login…</span>
        </div>
      ) : status === 'done' ? (
        <Notice
          tone="success"
          title={view.account ? `Logged in as ${view.account.label}` : 'Logged in'}
          action={
            <Button size="sm" onClick={() => actions.closeLogin()}>
              Done
            </Button>
          }
        >
          The account is listed under Subscription accounts and is used from the next request.
        </Notice>
      ) : status === 'error' || status === 'expired' || status === 'cancelled' ? (
        <Notice
          tone={status === 'cancelled' ? 'info' : 'error'}
          title={status === 'cancelled' ? 'The login was cancelled' : (view.error?.message ?? view.message)}
          action={
            <Button size="sm" variant="primary" icon="refresh" onClick={() => {
                heading.current?.focus();
                void actions.retryLogin();
              }}>
              Try again
            </Button>
          }
        >
          {status === 'cancelled' ? 'Nothing was saved.' : (view.error?.nextStep ?? 'Start the login again.')}
        </Notice>
      ) : (
        <div className="login-body">
          <p className="login-message" aria-live="polite">
            {status === 'exchanging' ? (
              <>
                <Spinner label="Finishing the login" /> {view.message || 'Finishing the login…'}
              </>
            ) : (
              view.message
            )}
          </p>
          {panel.pollError ? (
            <Notice tone="warn" title="Lost touch with the proxy">
              {panel.pollError} The login keeps going; this page tries again every second.
            </Notice>
          ) : null}

          {view.flow === 'device' && view.userCode ? (
            <div className="login-step">
              <span className="login-step-number" aria-hidden="true">1</span>
              <div className="login-step-body">
                <div className="login-step-title">Enter this code on the sign-in page</div>
                <div className="user-code-row">
                  <output className="user-code mono" aria-label="Device code">
                    {view.userCode}
                  </output>
                  <CopyButton label="Copy code" text={() => view.userCode ?? ''} onError={toastError} />
                </div>
              </div>
            </div>
          ) : null}

          <div className="login-step">
            <span className="login-step-number" aria-hidden="true">
              {view.flow === 'device' ? 2 : 1}
            </span>
            <div className="login-step-body">
              <div className="login-step-title">{view.flow === 'device' ? 'Open the sign-in page and enter the code' : 'Open the sign-in page and approve access'}</div>
              <div className="login-link-row">
                <Button variant="primary" icon="external" disabled={!waiting} onClick={() => openExternal(view.url)}>
                  Open sign-in page
                </Button>
                <CopyButton size="md" label="Copy link" text={() => view.url} onError={toastError} />
                <span className="small muted">
                  Works until <time dateTime={view.expiresAt}>{formatMoment(view.expiresAt, now)}</time> ({formatFromNow(view.expiresAt, now)})
                </span>
              </div>
              <a className="login-url mono small" href={view.url} target="_blank" rel="noopener noreferrer" aria-label="Sign-in address" onClick={(event) => { event.preventDefault(); openExternal(view.url); }}>
                {view.url}
              </a>
            </div>
          </div>

          {view.flow !== 'device' ? <PasteStep key={view.id} panel={panel} disabled={!waiting} /> : null}
          {view.flow === 'browser' && view.tunnelCommand ? (
            <div className="login-tunnel">
              <Icon name="info" size={15} />
              <div>
                <div className="small">
                  <strong>Browser on another machine?</strong> Either paste the address above, or run this there first so{' '}
                  <span className="mono">{hostOf(view.callbackUrl)}</span> reaches this proxy:
                </div>
                <div className="tunnel-row">
                  <code className="code-chip">{view.tunnelCommand}</code>
                  <CopyButton label="Copy command" text={() => view.tunnelCommand ?? ''} onError={toastError} />
                </div>
              </div>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}

function FlowChooser({ panel }: { panel: LoginPanelState }) {
  const model = useModel();
  const hintId = useId();
  return (
    <div className="login-flows">
      <div className="segmented segmented-sm" role="group" aria-label="How to sign in" aria-describedby={hintId}>
        {panel.flows.map((flow) => (
          <button
            key={flow}
            type="button"
            className={`segment${panel.flow === flow ? ' segment-active' : ''}`}
            aria-pressed={panel.flow === flow}
            onClick={() => void model.accounts.getState().chooseFlow(flow)}
          >
            {FLOW_LABELS[flow].label}
          </button>
        ))}
      </div>
      <span id={hintId} className="small muted">
        {FLOW_LABELS[panel.flow].help}
      </span>
    </div>
  );
}

/** Gemini CLI: the login finds (or sets up) a Code Assist project unless the user names one. */
function ProjectChooser({ panel }: { panel: LoginPanelState }) {
  const model = useModel();
  const [text, setText] = useState(panel.projectId ?? '');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void model.accounts.getState().chooseProject(text);
  };
  return (
    <form className="login-project" onSubmit={submit}>
      <label htmlFor={inputId} className="small">
        Google Cloud project <span className="muted">(optional: one id, a comma-separated list, or ALL; empty = find or set one up)</span>
      </label>
      <div className="toolbar">
        <input id={inputId} className="input input-sm" value={text} onChange={(event) => setText(event.target.value)} placeholder={panel.projectId ?? 'my-project-id'} />
        <Button size="sm" type="submit">
          {panel.projectId ? 'Use this project instead' : 'Use this project'}
        </Button>
      </div>
    </form>
  );
}

function PasteStep({ panel, disabled }: { panel: LoginPanelState; disabled: boolean }) {
  const model = useModel();
  const [text, setText] = useState('');
  const inputId = useId();
  const helpId = `${inputId}-help`;
  const errorId = `${inputId}-error`;
  const view = panel.view!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void model.accounts.getState().submitCallback(text);
  };
  const where =
    view.flow === 'manual' && view.callbackUrl && !/^https?:\/\/(localhost|127\.)/.test(view.callbackUrl)
      ? `Paste what ${view.providerName} shows after you approve (code#state), or the whole address of that page.`
      : view.callbackUrl
        ? `After approving, the browser goes to ${view.callbackUrl}… — on another machine that page does not load: copy its whole address from the address bar.`
        : 'Copy the whole address from the address bar after approving.';
  return (
    <div className="login-step">
      <span className="login-step-number" aria-hidden="true">
        2
      </span>
      <form className="login-step-body" onSubmit={submit} noValidate aria-label="Paste the sign-in result">
        <label className="login-step-title" htmlFor={inputId}>
          {view.flow === 'browser' ? 'Or paste the address the browser ended on' : 'Paste the code or the address the browser ended on'}
        </label>
        <div className="paste-row">
          <input
            id={inputId}
            className="input mono"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={view.flow === 'manual' ? 'code#state, or https://…?code=…' : 'http://localhost:…/callback?code=…'}
            value={text}
            disabled={disabled || panel.submitting}
            aria-describedby={[helpId, panel.pasteError ? errorId : ''].filter(Boolean).join(' ')}
            aria-invalid={panel.pasteError ? true : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <Button type="submit" variant={view.flow === 'browser' ? 'secondary' : 'primary'} busy={panel.submitting} disabled={disabled}>
            Finish login
          </Button>
        </div>
        {panel.pasteError ? (
          <div className="field-error" id={errorId} role="alert">
            {panel.pasteError}
          </div>
        ) : null}
        <div className="field-help" id={helpId}>
          {where}
        </div>
      </form>
    </div>
  );
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : 'the callback address';
  } catch {
    return url ?? 'the callback address';
  }
}
