import { useState } from 'react';
import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Button, Card, EmptyState, Icon, Loading, Notice, PageHeader } from '../../components/index.js';
import { buildAccountRows, needsAttention, subscriptionFiles, type AccountRow } from '../../stores/index.js';
import { AccountTable } from './account-table.js';
import { AddKeyForm } from './add-key-form.js';
import { SubscriptionAccountList } from './subscription-accounts.js';
import { SubscriptionLogins } from './subscription-logins.js';
import { VertexImport } from './vertex-import.js';

type Filter = 'all' | 'attention' | 'active' | 'disabled';

const FILTERS: Array<{ id: Filter; label: string; test(row: AccountRow): boolean }> = [
  { id: 'all', label: 'All', test: () => true },
  { id: 'attention', label: 'Needs attention', test: needsAttention },
  { id: 'active', label: 'Active', test: (row) => row.state === 'active' },
  { id: 'disabled', label: 'Disabled', test: (row) => row.state === 'disabled' },
];

export function AccountsPage() {
  const model = useModel();
  const state = useStore(model.credentials);
  const subscriptions = useStore(model.accounts);
  const now = useNow(model.clock.now, 10_000);
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  usePolling(() => Promise.all([model.credentials.getState().loadAccountsPage(), model.accounts.getState().load()]));

  const accounts = subscriptions.accounts;
  // Subscription accounts get their own list (quota, token, re-login); the table keeps keys and other files.
  const rows = buildAccountRows(state.credentials.data ?? [], state.authFiles.data ?? [], state.lastUsed.data ?? new Map(), subscriptionFiles(accounts.data));
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
        title="Accounts"
        description="Every subscription login and API key the proxy can use. Turn one off to keep it out of rotation without deleting it."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            Add API key
          </Button>
        }
      />

      {adding ? (
        <Card title="Paste an API key">
          <AddKeyForm onDone={() => setAdding(false)} />
        </Card>
      ) : null}

      <Card title="Subscription logins" description="Use the subscriptions you already pay for. Each login adds an account below.">
        <SubscriptionLogins now={now} />
        <p className="card-footnote">
          <Icon name="info" size={14} /> Existing CLIProxyAPI account files in the auth folder are picked up as well. On a server without a browser, use “Paste a code”.
        </p>
      </Card>

      <Card title="Vertex AI service account" description="Gemini through Google Cloud: import a service account’s JSON key; the proxy gets and renews its tokens.">
        <VertexImport />
      </Card>

      {accountsAvailable ? (
        <Card
          title="Subscription accounts"
          description="Vendor-reported quota next to the proxy’s own state. Quota refreshes in the background; “Refresh quota” asks the vendor now."
        >
          {accounts.error ? <Notice tone="error" title="Could not load the subscription accounts">{accounts.error.message}</Notice> : null}
          {accounts.data === null && !accounts.error ? (
            <Loading label="Loading subscription accounts…" />
          ) : accounts.data && accounts.data.length === 0 ? (
            <EmptyState icon="accounts" title="No subscription accounts yet">
              Log in above with a subscription you pay for; its quota and token show up here.
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
        title={accountsAvailable ? 'API keys and other accounts' : 'All accounts'}
        actions={
          <div className="toolbar">
            <div className="segmented segmented-sm" role="group" aria-label="Show">
              {FILTERS.map((item) => {
                const count = rows.filter(item.test).length;
                return (
                  <button key={item.id} type="button" className={`segment${filter === item.id ? ' segment-active' : ''}`} aria-pressed={filter === item.id} onClick={() => setFilter(item.id)}>
                    {item.label} <span className="segment-count">{count}</span>
                  </button>
                );
              })}
            </div>
            <label className="search">
              <Icon name="search" size={15} />
              <input className="input input-sm" type="search" placeholder="Filter accounts" aria-label="Filter accounts" value={search} onChange={(event) => setSearch(event.target.value)} />
            </label>
          </div>
        }
      >
        {state.credentials.error ? <Notice tone="error" title="Could not load the accounts">{state.credentials.error.message}</Notice> : null}
        {state.authFiles.error && !state.authFiles.error.notAvailable ? <Notice tone="warn" title="Account files could not be listed">{state.authFiles.error.message}</Notice> : null}
        {state.credentials.data === null && !state.credentials.error ? (
          <Loading label="Loading accounts…" />
        ) : rows.length === 0 ? (
          <EmptyState icon="accounts" title="No accounts yet" action={<Button variant="primary" icon="plus" onClick={() => setAdding(true)}>Add API key</Button>}>
            Paste an API key for Claude, Gemini, OpenAI or any OpenAI-compatible server, and your tools can use its models through the proxy.
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState icon="search" title="No account matches">Clear the filter to see all {rows.length} accounts.</EmptyState>
        ) : (
          <AccountTable rows={visible} busy={state.busy} now={now} actions={actions} />
        )}
      </Card>
    </>
  );
}
