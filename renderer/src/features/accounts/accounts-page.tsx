import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Button, Card, EmptyState, Icon, Loading, Notice, PageHeader } from '../../components/index.js';
import { buildAccountRows, needsAttention, subscriptionFiles, type AccountRow } from '../../stores/index.js';
import { useAccountWords } from '../../i18n/index.js';
import { AccountTable } from './account-table.js';
import { AddKeyForm } from './add-key-form.js';
import { SubscriptionAccountList } from './subscription-accounts.js';
import { SubscriptionLogins } from './subscription-logins.js';
import { VertexImport } from './vertex-import.js';

type Filter = 'all' | 'attention' | 'active' | 'disabled';

const FILTERS: Array<{ id: Filter; test(row: AccountRow): boolean }> = [
  { id: 'all', test: () => true },
  { id: 'attention', test: needsAttention },
  { id: 'active', test: (row) => row.state === 'active' },
  { id: 'disabled', test: (row) => row.state === 'disabled' },
];

export function AccountsPage() {
  const model = useModel();
  const state = useStore(model.credentials);
  const subscriptions = useStore(model.accounts);
  const now = useNow(model.clock.now, 10_000);
  const { t } = useTranslation('accounts');
  const words = useAccountWords();
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  usePolling(() => Promise.all([model.credentials.getState().loadAccountsPage(), model.accounts.getState().load()]));

  const accounts = subscriptions.accounts;
  // Subscription accounts get their own list (quota, token, re-login); the table keeps keys and other files.
  const rows = buildAccountRows(state.credentials.data ?? [], state.authFiles.data ?? [], state.lastUsed.data ?? new Map(), subscriptionFiles(accounts.data), words);
  const accountsAvailable = !accounts.error?.notAvailable;
  const needle = search.trim().toLowerCase();
  const visible = rows.filter((row) => FILTERS.find((item) => item.id === filter)!.test(row) && (!needle || `${row.label} ${row.providerLabel} ${row.source}`.toLowerCase().includes(needle)));
  const actions = {
    setEnabled: (row: AccountRow, enabled: boolean) => void state.setEnabled(row, enabled),
    clearCooldown: (id: string) => void state.clearCooldown(id),
    remove: (row: AccountRow) => void state.remove(row),
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            {t('addKey')}
          </Button>
        }
      />

      {adding ? (
        <Card title={t('pasteKey')}>
          <AddKeyForm onDone={() => setAdding(false)} />
        </Card>
      ) : null}

      <Card title={t('logins.title')} description={t('logins.description')}>
        <SubscriptionLogins now={now} />
        <p className="card-footnote">
          <Icon name="info" size={14} /> {t('logins.footnote')}
        </p>
        <p className="card-footnote">
          <a className="link" href="#/settings">
            {t('logins.importHint')}
          </a>
        </p>
      </Card>

      <Card title={t('vertex.title')} description={t('vertex.description')}>
        <VertexImport />
      </Card>

      {accountsAvailable ? (
        <Card
          title={t('subscriptions.title')}
          description={t('subscriptions.description')}
        >
          {accounts.error ? <Notice tone="error" title={t('subscriptions.loadFailed')}>{accounts.error.message}</Notice> : null}
          {accounts.data === null && !accounts.error ? (
            <Loading label={t('subscriptions.loading')} />
          ) : accounts.data && accounts.data.length === 0 ? (
            <EmptyState icon="accounts" title={t('subscriptions.none')}>
              {t('subscriptions.noneHint')}
            </EmptyState>
          ) : accounts.data ? (
            <SubscriptionAccountList
              accounts={accounts.data}
              now={now}
              busy={subscriptions.busy}
              actions={{
                refreshQuota: subscriptions.refreshQuota,
                refreshToken: subscriptions.refreshToken,
                setEnabled: subscriptions.setEnabled,
                clearCooldown: subscriptions.clearCooldown,
                remove: subscriptions.remove,
                startLogin: subscriptions.startLogin,
              }}
            />
          ) : null}
        </Card>
      ) : null}

      <Card
        title={accountsAvailable ? t('table.title') : t('table.titleAll')}
        actions={
          <div className="toolbar">
            <div className="segmented segmented-sm" role="group" aria-label={t('filter.show')}>
              {FILTERS.map((item) => {
                const count = rows.filter(item.test).length;
                return (
                  <button key={item.id} type="button" className={`segment${filter === item.id ? ' segment-active' : ''}`} aria-pressed={filter === item.id} onClick={() => setFilter(item.id)}>
                    {t(`filter.${item.id}`)} <span className="segment-count">{count}</span>
                  </button>
                );
              })}
            </div>
            <label className="search">
              <Icon name="search" size={15} />
              <input className="input input-sm" type="search" placeholder={t('filter.placeholder')} aria-label={t('filter.placeholder')} value={search} onChange={(event) => setSearch(event.target.value)} />
            </label>
          </div>
        }
      >
        {state.credentials.error ? <Notice tone="error" title={t('table.loadFailed')}>{state.credentials.error.message}</Notice> : null}
        {state.authFiles.error && !state.authFiles.error.notAvailable ? <Notice tone="warn" title={t('table.filesFailed')}>{state.authFiles.error.message}</Notice> : null}
        {state.credentials.data === null && !state.credentials.error ? (
          <Loading label={t('table.loading')} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon="accounts"
            title={t('table.none')}
            action={
              <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
                {t('addKey')}
              </Button>
            }
          >
            {t('table.noneHint')}
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState icon="search" title={t('table.noMatch')}>
            {t('table.noMatchHint', { count: rows.length })}
          </EmptyState>
        ) : (
          <AccountTable rows={visible} busy={state.busy} now={now} actions={actions} added={state.added} />
        )}
      </Card>
    </>
  );
}
