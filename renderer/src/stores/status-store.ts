import { createStore } from 'zustand/vanilla';
import type { HealthResponse, LogEntryView, ManagementClient, StatusResponse, UsageSummary } from '../api/index.js';
import { createLoader, emptyResource, type Resource } from './resource.js';

export interface StatusState {
  status: Resource<StatusResponse>;
  health: Resource<HealthResponse>;
  /** Requests since local midnight. */
  today: Resource<UsageSummary>;
  /** Latest warnings and errors, newest first. */
  problems: Resource<LogEntryView[]>;
  /** Client keys, masked (for display). */
  clientKeys: Resource<string[]>;
  load(): Promise<void>;
  loadOverview(): Promise<void>;
  /** The first client key in full, fetched only for the copy button (never stored). */
  revealClientKey(): Promise<string | null>;
}

export type StatusStore = ReturnType<typeof createStatusStore>;

export function createStatusStore(client: ManagementClient, clock: { now(): number }) {
  return createStore<StatusState>()((set, get) => {
    const now = () => clock.now();
    const status = createLoader(set, get, 'status', now);
    const health = createLoader(set, get, 'health', now);
    const today = createLoader(set, get, 'today', now);
    const problems = createLoader(set, get, 'problems', now);
    const clientKeys = createLoader(set, get, 'clientKeys', now);
    return {
      status: emptyResource(),
      health: emptyResource(),
      today: emptyResource(),
      problems: emptyResource(),
      clientKeys: emptyResource(),
      async load() {
        await Promise.all([status(client.getStatus), health(client.getHealth)]);
      },
      async loadOverview() {
        const midnight = new Date(clock.now());
        midnight.setHours(0, 0, 0, 0);
        await Promise.all([
          today(async () => (await client.getUsage({ from: midnight.getTime(), to: clock.now(), groupBy: 'provider' })).summary),
          problems(async () => (await client.getLogs({ level: 'warn', limit: 200 })).entries.slice().reverse()),
          clientKeys(() => client.getClientKeys(false)),
        ]);
      },
      async revealClientKey() {
        return (await client.getClientKeys(true))[0] ?? null;
      },
    };
  });
}
