/**
 * What a client is to the setup: which files it reads, how our settings merge into them, and where its
 * current settings point. File clients are written through the setup writer; guided clients (editor
 * extensions and apps that keep their settings in a database) get the exact values to paste.
 */
import path from 'node:path';

/** Where the proxy is and which of its models a client may use. */
export interface SetupTarget {
  /** Root URL without a version path, e.g. `http://127.0.0.1:8317`. */
  baseUrl: string;
  apiKey: string;
  /** Ids the proxy serves (GET /v1/models); every model we write is one of them. */
  models: readonly string[];
  model?: string;
  smallModel?: string;
}

export interface ClientContext {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

/** A file's current text (undefined: it does not exist). */
export type FileTexts = ReadonlyMap<string, string | undefined>;

export interface ClientReading {
  /** The base URL the client is set to use, as written (undefined: not set). */
  baseUrl?: string;
  /** The model it is set to use by default, if any. */
  model?: string;
  /** Secret values in the files (keys, tokens) to mask in diffs. */
  secrets: string[];
}

export interface FileClient {
  kind: 'file';
  id: string;
  name: string;
  /** One line for the list: what gets written. */
  summary: string;
  /** Whether it takes a small/fast model as well as the main one. */
  takesSmallModel: boolean;
  /** Folders whose existence means the client is installed or was used. */
  detectPaths(context: ClientContext): string[];
  files(context: ClientContext): string[];
  /** Returns the new text of `filePath` for `text`; throws UnreadableFileError when `text` cannot be parsed. */
  edit(context: ClientContext, filePath: string, text: string, target: SetupTarget, texts?: FileTexts): string;
  read(context: ClientContext, texts: FileTexts): ClientReading;
}

export interface GuidedStep {
  label: string;
  value: string;
  secret?: boolean;
}

export interface GuidedClient {
  kind: 'guided';
  id: string;
  name: string;
  summary: string;
  steps(target: SetupTarget): GuidedStep[];
  /** A link the client opens to import the settings itself, when it has one. */
  link?(target: SetupTarget): string | undefined;
}

export type ClientDefinition = FileClient | GuidedClient;

export function pathFlavour(context: ClientContext): path.PlatformPath {
  return context.platform === 'win32' ? path.win32 : path.posix;
}

/** `$XDG_CONFIG_HOME` when absolute, else `~/.config` (the CLIs built on xdg-basedir use this on every platform). */
export function xdgConfigHome(context: ClientContext): string {
  const value = context.env.XDG_CONFIG_HOME?.trim();
  return value && path.posix.isAbsolute(value) ? value : pathFlavour(context).join(context.home, '.config');
}

/** A model id we may write: one the proxy serves, else an error naming the choices. */
export function servedModel(target: SetupTarget, model: string | undefined, role = 'model'): string | undefined {
  if (model === undefined) return undefined;
  if (target.models.includes(model)) return model;
  const choices = target.models.slice(0, 12).join(', ');
  throw new ModelNotServedError(`The proxy does not serve "${model}", so the ${role} was not written (a client asking for it would get 404). Served models: ${choices || 'none yet — log in to a provider or add an API key first'}${target.models.length > 12 ? ', …' : ''}.`);
}

export class ModelNotServedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelNotServedError';
  }
}

/** `http://h:p/v1/` → `http://h:p`, for comparing base URLs written with or without a version path. */
export function rootUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/(v1|v1beta|v1alpha)$/, '').replace(/\/+$/, '');
}

export const stringAt = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The URL a client on this machine uses to reach a proxy bound to `host`: all-interfaces binds become loopback. */
export function proxyBaseUrl(host: string, port: number): string {
  const reachable = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') && !reachable.startsWith('[') ? `[${reachable}]` : reachable}:${port}`;
}

/** Written when the config has no client keys: the proxy then serves this machine without a key, but every client needs one to send. */
export const PLACEHOLDER_KEY = 'cliproxy-no-client-key';

const SECRET_NAME = /token|key|secret|password|credential|auth/i;

/** Values of a flat map (an `env` block, a .env file) whose names look secret, to mask in diffs. */
export function secretLookingValues(values: unknown): string[] {
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values as Record<string, unknown>).flatMap(([name, value]) => (SECRET_NAME.test(name) && typeof value === 'string' && value.length >= 4 ? [value] : []));
}
