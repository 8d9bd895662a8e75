import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Card, CopyButton, Loading, Notice, PageHeader, StatCard, StatusPill } from '../../components/index.js';
import { formatDuration, formatNumber, formatPercent } from '../../format/index.js';
import { buildAccountRows, isBlockedSubscription, needsAttention, subscriptionFiles, subscriptionRow } from '../../stores/index.js';
import { AttentionList } from './attention-list.js';
import { RecentProblems } from './recent-problems.js';

export function OverviewPage() {
  const model = useModel();
  const { status, health, today, problems, clientKeys, loadOverview, revealClientKey } = useStore(model.status);
  const credentials = useStore(model.credentials, (state) => state.credentials);
  const authFiles = useStore(model.credentials, (state) => state.authFiles.data);
  const subscriptions = useStore(model.accounts, (state) => state.accounts.data);
  const baseUrl = useStore(model.connection, (state) => state.baseUrl);
  const now = useNow(model.clock.now);
  usePolling(() => Promise.all([loadOverview(), model.credentials.getState().loadAuthFiles(), model.accounts.getState().loadAccounts()]));
  const toast = model.toasts.getState();

  const proxyUrl = status.data?.address.url ?? baseUrl;
  // Subscription accounts come with their own states (needs a new login, refresh failing, quota used up).
  const accountRows = [...(subscriptions ?? []).map((account) => subscriptionRow(account, now)), ...buildAccountRows(credentials.data ?? [], authFiles ?? [], new Map(), subscriptionFiles(subscriptions))];
  const attention = accountRows.filter(needsAttention);
  const summary = today.data;
  // Enabled, not cooling, and (for subscriptions) not waiting for a new login or a quota reset.
  const blocked = (subscriptions ?? []).filter((account) => isBlockedSubscription(account, now)).length;
  const counts = status.data
    ? { ...status.data.credentials, blocked, ready: Math.max(0, status.data.credentials.enabled - status.data.credentials.cooling - blocked) }
    : null;
  const running = health.data?.status === 'ok';

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          status.data ? (
            <>
              {running ? <StatusPill tone="ok" label="Running" /> : <StatusPill tone="error" label="Health check failing" />}
              <span className="header-meta">
                Version {status.data.version} · up {formatDuration(status.data.uptimeSeconds)} · config <span className="mono">{status.data.config.path}</span>
              </span>
            </>
          ) : (
            'Proxy status, today’s traffic and anything that needs your attention.'
          )
        }
      />
      {status.data === null && status.error === null ? <Loading label="Loading proxy status…" /> : null}
      {status.error && status.error.kind === 'http' ? <Notice tone="error" title="Status unavailable">{status.error.message}</Notice> : null}

      <div className="stat-grid">
        <StatCard label="Requests today" value={summary ? formatNumber(summary.requests) : '—'} hint={summary ? `${formatNumber(summary.totalTokens)} tokens` : today.error ? 'Usage unavailable' : 'Loading…'} />
        <StatCard
          label="Errors today"
          value={summary ? formatNumber(summary.failures) : '—'}
          tone={summary && summary.failures > 0 ? 'error' : undefined}
          hint={summary ? (summary.requests > 0 ? `${formatPercent(summary.failures, summary.requests)} of requests` : 'No requests yet today') : undefined}
        />
        <StatCard
          label="Accounts"
          value={counts ? `${counts.ready} / ${counts.total}` : '—'}
          tone={counts && counts.total > 0 && counts.ready === 0 ? 'error' : attention.length > 0 ? 'warn' : undefined}
          hint={
            counts
              ? `ready now${counts.cooling ? ` · ${counts.cooling} cooling` : ''}${counts.blocked ? ` · ${counts.blocked} need${counts.blocked === 1 ? 's' : ''} a login or quota` : ''}${counts.disabled ? ` · ${counts.disabled} off` : ''}`
              : undefined
          }
        />
        <StatCard label="Models" value={status.data ? formatNumber(status.data.models) : '—'} hint="listed at /v1/models" />
      </div>

      <div className="grid-2">
        <Card title="Connect your tools" description="Point any OpenAI, Anthropic or Gemini client at this address.">
          <dl className="connect-list">
            <div className="connect-row">
              <dt>Base URL</dt>
              <dd>
                <code className="code-chip">{proxyUrl}</code>
                <CopyButton label="Copy" text={() => proxyUrl} onError={(message) => toast.show('error', message)} />
              </dd>
            </div>
            <div className="connect-row">
              <dt>OpenAI-style base</dt>
              <dd>
                <code className="code-chip">{proxyUrl}/v1</code>
                <CopyButton label="Copy" text={() => `${proxyUrl}/v1`} onError={(message) => toast.show('error', message)} />
              </dd>
            </div>
            <div className="connect-row">
              <dt>Client key</dt>
              <dd>
                {clientKeys.data && clientKeys.data.length > 0 ? (
                  <>
                    <code className="code-chip" aria-label="Client key, masked">{clientKeys.data[0]}</code>
                    <CopyButton label="Copy key" text={revealClientKey} onError={(message) => toast.show('error', message)} />
                  </>
                ) : clientKeys.data ? (
                  <span className="muted">None set — only programs on this computer can connect, without a key.</span>
                ) : (
                  <span className="muted">{clientKeys.error ? clientKeys.error.message : 'Loading…'}</span>
                )}
              </dd>
            </div>
          </dl>
          {status.data && status.data.clientKeys > 1 ? <p className="card-footnote">{status.data.clientKeys} client keys are configured; the first one is shown.</p> : null}
        </Card>

        <Card title="Needs attention" description="Accounts that need a new login, cannot refresh, used up their quota, are cooling down, turned off or unusable." actions={<a className="link" href="#/accounts">All accounts</a>}>
          <AttentionList
            rows={attention}
            total={credentials.data ? accountRows.length : null}
            error={credentials.error?.message ?? null}
            now={now}
            onRelogin={(row) => {
              if (!row.relogin) return;
              void model.accounts.getState().startLogin(row.relogin.provider, { reloginOf: row.relogin.label });
              window.location.hash = '#/accounts';
            }}
          />
        </Card>
      </div>

      <Card title="Recent problems" description="The latest warnings and errors from the proxy log, newest first." actions={<a className="link" href="#/logs">Open logs</a>}>
        <RecentProblems entries={problems.data} error={problems.error?.message ?? null} now={now} />
      </Card>
    </>
  );
}
