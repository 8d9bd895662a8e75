import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Card, CopyButton, Loading, Notice, PageHeader, StatCard, StatusPill } from '../../components/index.js';
import { formatDuration, formatNumber, formatPercent } from '../../format/index.js';
import { buildAccountRows, isBlockedSubscription, needsAttention, subscriptionFiles, subscriptionRow } from '../../stores/index.js';
import { useAccountWords } from '../../i18n/index.js';
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
  const { t, i18n } = useTranslation('overview');
  const words = useAccountWords();
  usePolling(() => Promise.all([loadOverview(), model.credentials.getState().loadAuthFiles(), model.accounts.getState().loadAccounts()]));
  const toast = model.toasts.getState();

  const proxyUrl = status.data?.address.url ?? baseUrl;
  // Subscription accounts come with their own states (needs a new login, refresh failing, quota used up).
  const accountRows = [...(subscriptions ?? []).map((account) => subscriptionRow(account, now, words)), ...buildAccountRows(credentials.data ?? [], authFiles ?? [], new Map(), subscriptionFiles(subscriptions), words)];
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
        title={t('title')}
        description={
          status.data ? (
            <>
              {running ? <StatusPill tone="ok" label={t('running')} /> : <StatusPill tone="error" label={t('healthFailing')} />}
              <span className="header-meta">
                {t('meta', { version: status.data.version, uptime: formatDuration(status.data.uptimeSeconds, i18n.language) })} <span className="mono">{status.data.config.path}</span>
              </span>
            </>
          ) : (
            t('description')
          )
        }
      />
      {status.data === null && status.error === null ? <Loading label={t('loadingStatus')} /> : null}
      {status.error && status.error.kind === 'http' ? <Notice tone="error" title={t('statusUnavailable')}>{status.error.message}</Notice> : null}

      <div className="stat-grid">
        <StatCard
          label={t('stat.requests')}
          value={summary ? formatNumber(summary.requests) : '—'}
          hint={summary ? t('stat.tokens', { tokens: formatNumber(summary.totalTokens) }) : today.error ? t('stat.usageUnavailable') : t('stat.loading')}
        />
        <StatCard
          label={t('stat.errors')}
          value={summary ? formatNumber(summary.failures) : '—'}
          tone={summary && summary.failures > 0 ? 'error' : undefined}
          hint={summary ? (summary.requests > 0 ? t('stat.errorShare', { percent: formatPercent(summary.failures, summary.requests) }) : t('stat.noRequests')) : undefined}
        />
        <StatCard
          label={t('stat.accounts')}
          value={counts ? `${counts.ready} / ${counts.total}` : '—'}
          tone={counts && counts.total > 0 && counts.ready === 0 ? 'error' : attention.length > 0 ? 'warn' : undefined}
          hint={
            counts
              ? `${t('stat.readyNow')}${counts.cooling ? t('stat.cooling', { count: counts.cooling }) : ''}${counts.blocked ? t('stat.blocked', { count: counts.blocked }) : ''}${counts.disabled ? t('stat.off', { count: counts.disabled }) : ''}`
              : undefined
          }
        />
        <StatCard label={t('stat.models')} value={status.data ? formatNumber(status.data.models) : '—'} hint={t('stat.modelsHint')} />
      </div>

      <div className="grid-2">
        <Card title={t('connect.title')} description={t('connect.description')}>
          <dl className="connect-list">
            <div className="connect-row">
              <dt>{t('connect.baseUrl')}</dt>
              <dd>
                <code className="code-chip">{proxyUrl}</code>
                <CopyButton label={t('common:action.copy')} text={() => proxyUrl} onError={(message) => toast.show('error', message)} />
              </dd>
            </div>
            <div className="connect-row">
              <dt>{t('connect.openaiBase')}</dt>
              <dd>
                <code className="code-chip">{proxyUrl}/v1</code>
                <CopyButton label={t('common:action.copy')} text={() => `${proxyUrl}/v1`} onError={(message) => toast.show('error', message)} />
              </dd>
            </div>
            <div className="connect-row">
              <dt>{t('connect.clientKey')}</dt>
              <dd>
                {clientKeys.data && clientKeys.data.length > 0 ? (
                  <>
                    <code className="code-chip" aria-label={t('connect.clientKeyMasked')}>{clientKeys.data[0]}</code>
                    <CopyButton label={t('connect.copyKey')} text={revealClientKey} onError={(message) => toast.show('error', message)} />
                  </>
                ) : clientKeys.data ? (
                  <span className="muted">{t('connect.noKey')}</span>
                ) : (
                  <span className="muted">{clientKeys.error ? clientKeys.error.message   : t('stat.loading')}</span>
                )}
              </dd>
            </div>
          </dl>
          {status.data && status.data.clientKeys > 1 ? <p className="card-footnote">{t('connect.moreKeys', { count: status.data.clientKeys })}</p> : null}
        </Card>

        <Card title={t('attention.title')} description={t('attention.description')} actions={<a className="link" href="#/accounts">{t('attention.all')}</a>}>
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

      <Card title={t('problems.title')} description={t('problems.description')} actions={<a className="link" href="#/logs">{t('problems.open')}</a>}>
        <RecentProblems entries={problems.data} error={problems.error?.message ?? null} now={now} />
      </Card>
    </>
  );
}
