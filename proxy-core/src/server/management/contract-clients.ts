/** Client setup over the management API (`/v0/management/clients…`), shared with the dashboard. */
import { z } from 'zod';

export type ClientSetupState = 'this-proxy' | 'elsewhere' | 'not-set-up' | 'changed-since-written' | 'unreadable';

export interface ClientSetupStep {
  label: string;
  /** Masked in lists; the real value with `?reveal=true` on one client. */
  value: string;
  secret?: boolean;
}

export interface ClientSetupView {
  id: string;
  name: string;
  kind: 'file' | 'guided';
  summary: string;
  detected: boolean;
  state: ClientSetupState;
  message: string;
  pointsAt?: string;
  model?: string;
  files: string[];
  revertible: boolean;
  takesSmallModel: boolean;
  steps?: ClientSetupStep[];
  /** Import link (Cherry Studio); it carries the client key, so only with `?reveal=true`. */
  link?: string;
}

export interface ClientsResponse {
  /** The base URL clients are pointed at. */
  baseUrl: string;
  /** Served model ids: the only ones a setup may write. */
  models: string[];
  /** Detected clients first. */
  clients: ClientSetupView[];
}

export interface ClientFileChange {
  path: string;
  /** false: the file does not exist yet and would be created. */
  exists: boolean;
  changed: boolean;
  /** Unified diff with every key and token masked. */
  diff: string;
}

export interface ClientPreviewResponse {
  client: ClientSetupView;
  files: ClientFileChange[];
}

export interface ClientApplyResponse extends ClientPreviewResponse {
  written: string[];
  backups: string[];
}

export interface ClientRevertResponse {
  client: ClientSetupView;
  restored: string[];
  removed: string[];
}

const modelId = z.string().trim().min(1, 'a model id must not be empty').optional();
export const clientSetupBodySchema = z.object({ model: modelId, smallModel: modelId }).strict();
export const clientRevertBodySchema = z.object({ force: z.boolean().optional() }).strict();
export type ClientSetupBody = z.infer<typeof clientSetupBodySchema>;
