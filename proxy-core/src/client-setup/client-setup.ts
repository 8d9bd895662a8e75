/**
 * Client setup for the CLI, the management API and the tray: the status of every client (drift included),
 * a preview diff, apply and revert, all through the one setup writer.
 */
import { CLIENTS } from './clients/index.js';
import { rootUrl, type ClientContext, type ClientDefinition, type ClientReading, type FileClient, type GuidedStep, type SetupTarget } from './client-definition.js';
import { createSetupWriter, type SetupPlan } from './setup-writer.js';
import type { SetupFileSystem } from './setup-state.js';
import { UnreadableFileError } from './unreadable-file-error.js';

export type ClientState = 'this-proxy' | 'elsewhere' | 'not-set-up' | 'changed-since-written' | 'unreadable';

export interface ClientStatus {
  id: string;
  name: string;
  kind: 'file' | 'guided';
  summary: string;
  /** Its folder exists on this machine (installed or used before). */
  detected: boolean;
  /** Guided clients are always 'not-set-up': we cannot read their settings. */
  state: ClientState;
  message: string;
  /** Where it points now (redacted of nothing: base URLs hold no secrets). */
  pointsAt?: string;
  model?: string;
  files: string[];
  /** We wrote it and can revert it. */
  revertible: boolean;
  takesSmallModel: boolean;
  steps?: GuidedStep[];
  link?: string;
}

export interface ClientSetupDeps {
  fs: SetupFileSystem;
  dataDir: string;
  clock: () => Date;
  context: ClientContext;
  clients?: readonly ClientDefinition[];
}

export class UnknownClientError extends Error {
  constructor(id: string, known: readonly string[]) {
    super(`Unknown client "${id}". Known clients: ${known.join(', ')}.`);
    this.name = 'UnknownClientError';
  }
}

export class GuidedClientError extends Error {
  constructor(name: string) {
    super(`${name} keeps its settings in its own app storage, which we do not write; use the values shown for it (or its import link).`);
    this.name = 'GuidedClientError';
  }
}

const sameServer = (a: string, b: string) => rootUrl(a).replace('//localhost', '//127.0.0.1') === rootUrl(b).replace('//localhost', '//127.0.0.1');

export function createClientSetup(deps: ClientSetupDeps) {
  const clients = deps.clients ?? CLIENTS;
  const writer = createSetupWriter(deps);
  const { context } = deps;

  function find(id: string): ClientDefinition {
    const client = clients.find((candidate) => candidate.id === id);
    if (!client) throw new UnknownClientError(id, clients.map((candidate) => candidate.id));
    return client;
  }

  function fileClient(id: string): FileClient {
    const client = find(id);
    if (client.kind !== 'file') throw new GuidedClientError(client.name);
    return client;
  }

  async function texts(client: FileClient): Promise<Map<string, string | undefined>> {
    const map = new Map<string, string | undefined>();
    for (const file of client.files(context)) map.set(file, await writer.read(file));
    return map;
  }

  async function detected(client: ClientDefinition): Promise<boolean> {
    if (client.kind !== 'file') return false;
    for (const folder of client.detectPaths(context)) {
      if (await deps.fs.stat(folder).then(() => true, () => false)) return true;
    }
    return false;
  }

  async function status(client: ClientDefinition, target: SetupTarget): Promise<ClientStatus> {
    const base = { id: client.id, name: client.name, kind: client.kind, summary: client.summary, detected: await detected(client) };
    if (client.kind === 'guided') {
      return { ...base, state: 'not-set-up', message: 'Set it up in the app with the values below.', files: [], revertible: false, takesSmallModel: false, steps: client.steps(target), link: client.link?.(target) };
    }
    const files = client.files(context);
    const common = { ...base, files, takesSmallModel: client.takesSmallModel };
    const record = await writer.record(client.id);
    let reading: ClientReading;
    try {
      reading = client.read(context, await texts(client));
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      return { ...common, state: 'unreadable', message: error.message, revertible: record !== undefined };
    }
    const pointsAt = reading.baseUrl;
    const extra = { ...(pointsAt ? { pointsAt } : {}), ...(reading.model ? { model: reading.model } : {}) };
    if (record && (await writer.changedSinceWritten(client.id)).length > 0) {
      return { ...common, ...extra, state: 'changed-since-written', message: `Changed since CLIProxy Desktop wrote it${pointsAt ? `; it now points at ${pointsAt}` : ''}. Set it up again, or revert to the file from before.`, revertible: true };
    }
    if (pointsAt && sameServer(pointsAt, target.baseUrl)) return { ...common, ...extra, state: 'this-proxy', message: `Points at this proxy${reading.model ? ` with model ${reading.model}` : ''}.`, revertible: record !== undefined };
    if (pointsAt) return { ...common, ...extra, state: 'elsewhere', message: `Points at ${pointsAt}, not this proxy.`, revertible: record !== undefined };
    return { ...common, ...extra, state: 'not-set-up', message: 'Not set up for a proxy.', revertible: record !== undefined };
  }

  /** Every client, detected ones first. */
  async function list(target: SetupTarget): Promise<ClientStatus[]> {
    const all = await Promise.all(clients.map((client) => status(client, target)));
    return [...all.filter((entry) => entry.detected), ...all.filter((entry) => !entry.detected)];
  }

  async function preview(id: string, target: SetupTarget): Promise<SetupPlan> {
    const client = fileClient(id);
    const current = await texts(client);
    const secrets = [target.apiKey, ...client.read(context, current).secrets];
    return writer.plan(client.id, client.files(context).map((file) => ({ path: file, edit: (text: string) => client.edit(context, file, text, target, current) })), secrets);
  }

  async function apply(id: string, target: SetupTarget) {
    const plan = await preview(id, target);
    const result = await writer.apply(plan, target.model ? { model: target.model } : {});
    return { plan, ...result, status: await status(find(id), target) };
  }

  async function revert(id: string, target: SetupTarget, options: { force?: boolean } = {}) {
    const client = fileClient(id);
    const result = await writer.revert(client.id, options);
    return { ...result, status: await status(client, target) };
  }

  return { list, status: async (id: string, target: SetupTarget) => status(find(id), target), preview, apply, revert, clients };
}

export type ClientSetup = ReturnType<typeof createClientSetup>;
