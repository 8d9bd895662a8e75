import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../api/index.js';
import { Button, ConfirmButton, StatusPill, Switch } from '../../components/index.js';
import { formatRelative } from '../../format/index.js';
import { accountStatus, tokenFacts, type AccountsState } from '../../stores/index.js';
import { useAccountWords } from '../../i18n/index.js';
import { QuotaBars } from './quota-bars.js';

type Actions = Pick<AccountsState, 'refreshQuota' | 'refreshToken' | 'setEnabled' | 'clearCooldown' | 'remove' | 'startLogin'>;

/** The subscription accounts (GET /accounts), each with its state, quota bars, token and actions. */
export function SubscriptionAccountList({ accounts, now, busy, actions }: { accounts: AccountView[]; now: number; busy: Record<string, boolean>; actions: Actions }) {
  return (
    <ul className="sub-accounts" aria-label="Subscription accounts">
      {accounts.map((account) => (
        <li key={account.id}>
          <SubscriptionAccount account={account} now={now} busy={busy} actions={actions} />
        </li>
      ))}
    </ul>
  );
}

function SubscriptionAccount({ account, now, busy, actions }: { account: AccountView; now: number; busy: Record<string, boolean>; actions: Actions }) {
  const { t, i18n } = useTranslation('accounts');
  const titleId = useId();
  const stateId = useId();
  const words = useAccountWords();
  const status = accountStatus(account, now, words);
  const token = tokenFacts(account, now, words);
  const name = account.email ?? account.label;
  const isBusy = (action: string) => busy[`${action}:${account.id}`] === true;
  const facts = [account.providerName, account.plan ? t('subscriptions.plan', { plan: capitalize(account.plan) }) : null, account.projects.length ? t('subscriptions.project', { projects: account.projects.join(', ') }) : null].filter(Boolean);

  return (
    <article className={`sub-account sub-account-${status.state}`} aria-labelledby={titleId} data-account={account.id}>
      <div className="sub-account-main">
        <div className="account-cell">
          <span className={`provider-badge provider-${badgeClass(account.provider)}`} aria-hidden="true">
            {account.providerName.slice(0, 1).toUpperCase()}
          </span>
          <div className="sub-account-identity">
            <h3 id={titleId} className="account-label">
              {name}
            </h3>
            <div className="small muted">{facts.join(' · ')}</div>
          </div>
        </div>

        <div className="sub-account-state" id={stateId}>
          <StatusPill state={status.state} label={status.label} />
          {status.detail ? <p className="small state-detail">{status.detail}</p> : null}
          {status.state === 'needs-relogin' ? (
            <Button size="sm" variant="primary" icon="refresh" aria-label={t('subscriptions.reloginAs', { name })} onClick={() => void actions.startLogin(account.provider, { reloginOf: name })}>
              {t('subscriptions.relogin')}
            </Button>
          ) : null}
        </div>

        <dl className="sub-account-facts small">
          <div>
            <dt>{t('subscriptions.token')}</dt>
            <dd>
              {token.expiry}
              {token.next ? <span className="muted sub-account-next">{token.next}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('subscriptions.lastRefresh')}</dt>
            <dd className={token.refreshOk === false ? 'text-error' : undefined}>{token.refresh}</dd>
          </div>
          <div>
            <dt>{t('subscriptions.lastUsed')}</dt>
            <dd>{account.lastUsedAt ? <time dateTime={account.lastUsedAt}>{formatRelative(account.lastUsedAt, now, i18n.language)}</time> : <span className="muted">{t('subscriptions.never')}</span>}</dd>
          </div>
          <div>
            <dt>{t('subscriptions.models')}</dt>
            <dd title={account.models.join(', ')}>{account.models.length}</dd>
          </div>
        </dl>
      </div>

      <div className="sub-account-quota">
        <QuotaBars quota={account.quota} now={now} label={name} />
      </div>

      <div className="sub-account-actions">
        <Switch checked={account.enabled} disabled={isBusy('toggle')} label={t(account.enabled ? 'table.disable' : 'table.enable', { label: name })} describedBy={stateId} onChange={(checked) => void actions.setEnabled(account, checked)} />
        <span className="small muted sub-account-enabled" aria-hidden="true">
          {account.enabled ? t('common:action.on') : t('common:action.off')}
        </span>
        <span className="sub-account-buttons">
          {account.cooldowns.length > 0 ? (
            <Button size="sm" icon="refresh" busy={isBusy('cooldown')} onClick={() => void actions.clearCooldown(account)} aria-label={t('subscriptions.clearCooldownOf', { name })}>
              {t('subscriptions.clearCooldown')}
            </Button>
          ) : null}
          <Button size="sm" icon="refresh" busy={isBusy('quota')} onClick={() => void actions.refreshQuota(account)} aria-label={t('subscriptions.refreshQuotaOf', { name })}>
            {t('subscriptions.refreshQuota')}
          </Button>
          <Button size="sm" icon="refresh" busy={isBusy('token')} onClick={() => void actions.refreshToken(account)} aria-label={t('subscriptions.refreshTokenOf', { name })}>
            {t('subscriptions.refreshToken')}
          </Button>
          <ConfirmButton
            label={t('subscriptions.delete')}
            confirmLabel={t('subscriptions.deleteAccount')}
            question={t('subscriptions.deleteQuestion', { file: account.file })}
            busy={isBusy('delete')}
            onConfirm={() => void actions.remove(account)}
          />
        </span>
      </div>
    </article>
  );
}

function capitalize(text: string): string {
  return text ? text.slice(0, 1).toUpperCase() + text.slice(1) : text;
}

function badgeClass(provider: string): string {
  if (provider.includes('claude')) return 'claude';
  if (provider.includes('gemini') || provider.includes('antigravity')) return 'gemini';
  if (provider.includes('codex') || provider.includes('openai')) return 'openai';
  return 'other';
}
