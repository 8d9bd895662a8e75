import type { DiagnosticStatus } from './check-result.js';
import type { DiagnosticsContext } from './context.js';

/**
 * What a check needs from its context. `files`: config.yaml, auth-dir and local ports (always there, also in
 * `cliproxyctl doctor`); `client`: the running proxy's client API on loopback (doctor has it when a proxy
 * answers /health on the configured port); `proxy`: the running proxy's own state (runtime, cooldowns, usage,
 * logs), only inside the proxy (the management API).
 */
export type CheckNeeds = 'files' | 'client' | 'proxy';

/** What a check's `run` returns; the registry adds id, title, symptom, cause and fix. */
export interface CheckOutcome {
  status: DiagnosticStatus;
  /** One sentence a user can act on. */
  summary: string;
  evidence?: Record<string, unknown>;
  remediation?: string;
  /** False when the check cannot apply here (its provider is not configured or not in this build, its feature is absent). */
  applies?: false;
}

export interface FixOutcome {
  ok: boolean;
  /** What the fix did, or why it could not apply. */
  message: string;
  /** A page the user must open to finish (a login started by the fix). */
  link?: { url: string; label: string };
}

export interface FixDefinition {
  id: string;
  label: string;
  needs: CheckNeeds;
  /**
   * The fix writes config.yaml (through `context.editConfig`). Only `cliproxyctl doctor --fix` offers such
   * fixes, after the user confirms each one; the dashboard's fixes never edit the file.
   */
  editsConfig?: boolean;
  apply(context: DiagnosticsContext): Promise<FixOutcome>;
}

/** One row of the troubleshooting matrix as a check. */
export interface CheckDefinition {
  id: string;
  title: string;
  symptom: string;
  cause: string;
  needs: CheckNeeds;
  /** One of `DIAGNOSTIC_AREAS`; the registry sets it from the file the check comes from. */
  area?: string;
  /** Sends requests that spend tokens (a canary): run only on demand, never when listing. */
  onDemand?: boolean;
  run(context: DiagnosticsContext): Promise<CheckOutcome>;
  fix?: FixDefinition;
}

/** Whether a context offers what a check (or fix) needs. */
export function contextOffers(context: DiagnosticsContext, needs: CheckNeeds): boolean {
  if (needs === 'files') return true;
  if (needs === 'client') return context.client !== undefined;
  return context.proxy !== undefined;
}

/** Whether a context can apply a fix: what it needs, and a config editor for a fix that writes config.yaml. */
export function fixOffered(context: DiagnosticsContext, fix: FixDefinition): boolean {
  return contextOffers(context, fix.needs) && (!fix.editsConfig || context.editConfig !== undefined);
}

/** The sentence for a fix the context cannot apply. */
export function fixUnavailableMessage(context: DiagnosticsContext, fix: FixDefinition): string {
  if (contextOffers(context, fix.needs) && fix.editsConfig) {
    return `"${fix.label}" edits config.yaml, which only \`cliproxyctl doctor --fix\` does (it asks before each change): run it in a terminal on this machine, or edit config.yaml by hand.`;
  }
  return unavailableSummary(context, fix.needs);
}

/** The sentence for a check the context cannot run. */
export function unavailableSummary(context: DiagnosticsContext, needs: CheckNeeds): string {
  if (needs === 'proxy' && context.client) {
    return `This check reads the running proxy's own state, which cliproxyctl cannot see: open the Troubleshooting page (${context.client.baseUrl}/ui).`;
  }
  if (context.mode === 'doctor' && context.running?.servingPreviousConfig) {
    return `The proxy at ${context.running.url} runs, but while config.yaml does not load this shell knows neither its client key nor its state: fix the file (see the Config file check), or start it with \`cliproxyctl serve\` so doctor can read its own checks.`;
  }
  if (context.mode === 'doctor') return 'Needs the running proxy: start it (`cliproxyctl serve` or the desktop app), then run doctor again.';
  return 'This check needs the running proxy: start the proxy, or open the Troubleshooting page.';
}
