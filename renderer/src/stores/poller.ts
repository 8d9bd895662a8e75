export interface Visibility {
  isHidden(): boolean;
  /** Subscribes to visibility changes; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface PollerDeps {
  intervalMs: number;
  visibility: Visibility;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export type Poller = ReturnType<typeof createPoller>;

/**
 * The app's single refresh interval. Tasks (status, credentials, whatever the open page needs) run together
 * every `intervalMs`; nothing runs while the tab or window is hidden, and coming back refreshes at once.
 */
export function createPoller(deps: PollerDeps) {
  const tasks = new Set<() => unknown>();
  let handle: unknown = null;
  let running = false;
  let unsubscribe: (() => void) | null = null;
  let inFlight = false;

  const tick = async () => {
    if (inFlight || deps.visibility.isHidden()) return;
    inFlight = true;
    try {
      await Promise.allSettled([...tasks].map(async (task) => task()));
    } finally {
      inFlight = false;
    }
  };
  const arm = () => {
    if (handle === null && !deps.visibility.isHidden()) handle = deps.setInterval(() => void tick(), deps.intervalMs);
  };
  const disarm = () => {
    if (handle !== null) deps.clearInterval(handle);
    handle = null;
  };
  const onVisibility = () => {
    if (!running) return;
    if (deps.visibility.isHidden()) disarm();
    else {
      arm();
      void tick();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = deps.visibility.onChange(onVisibility);
      arm();
      void tick();
    },
    stop() {
      running = false;
      disarm();
      unsubscribe?.();
      unsubscribe = null;
    },
    /** Adds a task to every tick (and runs it now when `immediate`); returns the function that removes it. */
    track(task: () => unknown, options: { immediate?: boolean } = {}): () => void {
      tasks.add(task);
      if (options.immediate) void Promise.resolve().then(task).catch(() => undefined);
      return () => tasks.delete(task);
    },
    get active(): boolean {
      return handle !== null;
    },
  };
}

/** The browser's page visibility. */
export function documentVisibility(document: Document): Visibility {
  return {
    isHidden: () => document.visibilityState === 'hidden',
    onChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}
