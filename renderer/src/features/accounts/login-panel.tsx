import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useModel } from '../../app/index.js';
import { Button, canOpenWithoutClick, CopyButton, Icon, Notice, openExternal, Spinner } from '../../components/index.js';
import { formatFromNow, formatMoment } from '../../format/index.js';
import { FLOW_LABELS, type LoginPanel as LoginPanelState } from '../../stores/index.js';
import { IdentityCenterChooser } from './identity-center-chooser.js';

/** A login in progress: the link to open, the code or the paste field, progress, and the result. */
export function LoginPanel({ panel, now }: { panel: LoginPanelState; now: number }) {
  const model = useModel();
  const { t, i18n } = useTranslation('accounts');
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

  const title = panel.reloginOf ? t('login.titleAgain', { name: panel.providerName }) : t('login.title', { name: panel.providerName });
  const active = status === 'starting' || status === 'waiting' || status === 'exchanging';

  return (
    <section className="login-panel" aria-labelledby={headingId} data-login-status={status}>
      <div className="login-panel-header">
        <div>
          <h3 id={headingId} ref={heading} tabIndex={-1} className="login-panel-title">
            {title}
          </h3>
          {panel.reloginOf ? <p className="small muted">{t('login.againHint', { name: panel.reloginOf })}</p> : null}
        </div>
        {active ? (
          <Button size="sm" variant="ghost" icon="close" busy={panel.cancelling} onClick={() => void actions.cancelLogin().then(() => heading.current?.focus())}>
            {t('login.cancel')}
          </Button>
        ) : (
          <Button size="sm" variant="ghost" icon="close" onClick={() => actions.closeLogin()}>
            {t('login.close')}
          </Button>
        )}
      </div>

      {panel.flows.length > 1 && active ? <FlowChooser panel={panel} /> : null}
      {panel.options.includes('projectId') && active ? <ProjectChooser panel={panel} /> : null}
      {panel.options.includes('startUrl') && active ? <IdentityCenterChooser panel={panel} /> : null}

      {panel.startError ? (
        <Notice
          tone="error"
          title={t('login.startFailed')}
          action={
            <Button size="sm" variant="primary" icon="refresh" onClick={() => {
                heading.current?.focus();
                void actions.retryLogin();
              }}>
              {t('login.tryAgain')}
            </Button>
          }
        >
          {panel.startError.message}
        </Notice>
      ) : !view ? (
        <div className="login-progress" role="status">
          <Spinner label={t('login.starting')} />
          <span>{t('login.startingText')}</span>
        </div>
      ) : status === 'done' ? (
        <Notice
          tone="success"
          title={view.account ? t('login.loggedInAs', { label: view.account.label }) : t('login.loggedIn')}
          action={
            <Button size="sm" onClick={() => actions.closeLogin()}>
              {t('login.done')}
            </Button>
          }
        >
          {t('login.doneText')}
        </Notice>
      ) : status === 'error' || status === 'expired' || status === 'cancelled' ? (
        <Notice
          tone={status === 'cancelled' ? 'info' : 'error'}
          title={status === 'cancelled' ? t('login.cancelled') : (view.error?.message ?? view.message)}
          action={
            <Button size="sm" variant="primary" icon="refresh" onClick={() => {
                heading.current?.focus();
                void actions.retryLogin();
              }}>
              {t('login.tryAgain')}
            </Button>
          }
        >
          {status === 'cancelled' ? t('login.nothingSaved') : (view.error?.nextStep ?? t('login.startAgain'))}
        </Notice>
      ) : (
        <div className="login-body">
          <p className="login-message" aria-live="polite">
            {status === 'exchanging' ? (
              <>
                <Spinner label={t('login.finishing')} /> {view.message || t('login.finishingText')}
              </>
            ) : (
              view.message
            )}
          </p>
          {panel.pollError ? (
            <Notice tone="warn" title={t('login.lostTouch')}>
              {t('login.lostTouchText', { error: panel.pollError })}
            </Notice>
          ) : null}

          {view.flow === 'device' && view.userCode ? (
            <div className="login-step">
              <span className="login-step-number" aria-hidden="true">1</span>
              <div className="login-step-body">
                <div className="login-step-title">{t('login.enterCode')}</div>
                <div className="user-code-row">
                  <output className="user-code mono" aria-label={t('login.deviceCode')}>
                    {view.userCode}
                  </output>
                  <CopyButton label={t('login.copyCode')} text={() => view.userCode ?? ''} onError={toastError} />
                </div>
              </div>
            </div>
          ) : null}

          <div className="login-step">
            <span className="login-step-number" aria-hidden="true">
              {view.flow === 'device' ? 2 : 1}
            </span>
            <div className="login-step-body">
              <div className="login-step-title">{view.flow === 'device' ? t('login.openAndEnter') : t('login.openAndApprove')}</div>
              <div className="login-link-row">
                <Button variant="primary" icon="external" disabled={!waiting} onClick={() => openExternal(view.url)}>
                  {t('login.open')}
                </Button>
                <CopyButton size="md" label={t('login.copyLink')} text={() => view.url} onError={toastError} />
                <span className="small muted">
                  {t('login.worksUntil')} <time dateTime={view.expiresAt}>{formatMoment(view.expiresAt, now, i18n.language)}</time> ({formatFromNow(view.expiresAt, now, i18n.language)})
                </span>
              </div>
              <a className="login-url mono small" href={view.url} target="_blank" rel="noopener noreferrer" aria-label={t('login.address')} onClick={(event) => { event.preventDefault(); openExternal(view.url); }}>
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
                  <strong>{t('login.otherMachine')}</strong>{' '}
                  <Trans t={t} i18nKey="login.otherMachineText" values={{ host: hostOf(view.callbackUrl, t('login.callbackAddress')) }} components={{ mono: <span className="mono" /> }} />
                </div>
                <div className="tunnel-row">
                  <code className="code-chip">{view.tunnelCommand}</code>
                  <CopyButton label={t('login.copyCommand')} text={() => view.tunnelCommand ?? ''} onError={toastError} />
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
  const { t } = useTranslation('accounts');
  const hintId = useId();
  return (
    <div className="login-flows">
      <div className="segmented segmented-sm" role="group" aria-label={t('login.how')} aria-describedby={hintId}>
        {panel.flows.map((flow) => (
          <button
            key={flow}
            type="button"
            className={`segment${panel.flow === flow ? ' segment-active' : ''}`}
            aria-pressed={panel.flow === flow}
            onClick={() => void model.accounts.getState().chooseFlow(flow)}
          >
            {t(`login.flow.${flow}.label`, { defaultValue: FLOW_LABELS[flow].label })}
          </button>
        ))}
      </div>
      <span id={hintId} className="small muted">
        {t(`login.flow.${panel.flow}.help`, { defaultValue: FLOW_LABELS[panel.flow].help })}
      </span>
    </div>
  );
}

/** Gemini CLI: the login finds (or sets up) a Code Assist project unless the user names one. */
function ProjectChooser({ panel }: { panel: LoginPanelState }) {
  const model = useModel();
  const { t } = useTranslation('accounts');
  const [text, setText] = useState(panel.projectId ?? '');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void model.accounts.getState().chooseProject(text);
  };
  return (
    <form className="login-project" onSubmit={submit}>
      <label htmlFor={inputId} className="small">
        {t('login.project')} <span className="muted">{t('login.projectHint')}</span>
      </label>
      <div className="toolbar">
        <input id={inputId} className="input input-sm" value={text} onChange={(event) => setText(event.target.value)} placeholder={panel.projectId ?? 'my-project-id'} />
        <Button size="sm" type="submit">
          {panel.projectId ? t('login.useProjectInstead') : t('login.useProject')}
        </Button>
      </div>
    </form>
  );
}

function PasteStep({ panel, disabled }: { panel: LoginPanelState; disabled: boolean }) {
  const model = useModel();
  const { t } = useTranslation('accounts');
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
      ? t('login.pasteManual', { name: view.providerName })
      : view.callbackUrl
        ? t('login.pasteCallback', { url: view.callbackUrl })
        : t('login.pasteAny');
  return (
    <div className="login-step">
      <span className="login-step-number" aria-hidden="true">
        2
      </span>
      <form className="login-step-body" onSubmit={submit} noValidate aria-label={t('login.pasteForm')}>
        <label className="login-step-title" htmlFor={inputId}>
          {view.flow === 'browser' ? t('login.pasteBrowser') : t('login.pasteOther')}
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
            {t('login.finish')}
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

function hostOf(url: string | null, fallback: string): string {
  try {
    return url ? new URL(url).host : fallback;
  } catch {
    return url ?? fallback;
  }
}
