import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { AppModel } from './create-app-model.js';

const ModelContext = createContext<AppModel | null>(null);

export function ModelProvider({ model, children }: { model: AppModel; children: ReactNode }) {
  return <ModelContext.Provider value={model}>{children}</ModelContext.Provider>;
}

export function useModel(): AppModel {
  const model = useContext(ModelContext);
  if (!model) throw new Error('useModel() needs a <ModelProvider> above it.');
  return model;
}

/** Runs `task` now and on every poll tick while the component is mounted (one shared interval). */
export function usePolling(task: () => unknown, dependencies: unknown[] = []): void {
  const { poller } = useModel();
  useEffect(() => poller.track(task, { immediate: true }), dependencies); // eslint-disable-line react-hooks/exhaustive-deps
}
