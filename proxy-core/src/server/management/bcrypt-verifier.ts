import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

/** Checks a presented key against a bcrypt hash without blocking the proxy's event loop. */
export interface BcryptVerifier {
  compare(presented: string, hash: string): Promise<boolean>;
  close(): void;
}

// The worker's whole program: answer {id, presented, hash} with {id, ok}. bcryptjs is loaded by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ id, presented, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(presented, hash); } catch { ok = false; }
  parentPort.postMessage({ id, ok });
});
`;

/**
 * bcrypt in a worker thread (bcryptjs is pure JavaScript: a cost-10 comparison holds a thread for tens of
 * milliseconds). The worker starts on first use and does not keep the process alive. When a worker cannot start
 * (an unusual packaging), comparisons fall back to bcryptjs's asynchronous API on the main thread.
 */
export function createBcryptVerifier(): BcryptVerifier {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 0;
  const waiting = new Map<number, { presented: string; hash: string; resolve: (ok: boolean) => void }>();
  const onMainThread = (presented: string, hash: string) => bcrypt.compare(presented, hash).catch(() => false);

  const start = (): Worker | undefined => {
    if (worker || broken) return worker;
    try {
      const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
      worker.unref();
      worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
        waiting.get(id)?.resolve(ok);
        waiting.delete(id);
      });
      // A worker that dies (or never starts): what it was asked is answered on the main thread instead.
      const fail = () => {
        if (broken) return;
        broken = true;
        worker = undefined;
        for (const pending of waiting.values()) void onMainThread(pending.presented, pending.hash).then(pending.resolve);
        waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
    } catch {
      broken = true;
      worker = undefined;
    }
    return worker;
  };

  return {
    compare(presented, hash) {
      const running = start();
      if (!running) return onMainThread(presented, hash);
      const id = nextId++;
      return new Promise<boolean>((resolve) => {
        waiting.set(id, { presented, hash, resolve });
        running.postMessage({ id, presented, hash });
      });
    },
    close() {
      const running = worker;
      worker = undefined;
      broken = true;
      for (const pending of waiting.values()) pending.resolve(false);
      waiting.clear();
      void running?.terminate();
    },
  };
}
