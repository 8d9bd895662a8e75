import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import { contextOffers, fixOffered, fixUnavailableMessage, unavailableSummary } from './check-definition.js';
import type { CheckResult, DiagnosticFixResult } from './check-result.js';
import { accountChecks } from './checks-accounts.js';
import { clientSetupChecks } from './checks-client-setup.js';
import { clientChecks } from './checks-clients.js';
import { loginChecks } from './checks-logins.js';
import { managementLockoutChecks } from './checks-management-lockout.js';
import { portChecks } from './checks-ports.js';
import { providerChecks } from './checks-providers.js';
import { copilotChecks } from './checks-copilot.js';
import { requestedModelChecks } from './checks-requested-models.js';
import { routingChecks } from './checks-routing.js';
import { setupChecks } from './checks-setup.js';
import { streamingChecks } from './checks-streaming.js';
import type { DiagnosticsContext } from './context.js';
import type { DIAGNOSTIC_AREAS } from '../server/management/contract.js';

type DiagnosticArea = (typeof DIAGNOSTIC_AREAS)[number];

/** Every check, in the order the troubleshooting page shows them. An explicit list: no import side effects. */
export function createCheckDefinitions(): readonly CheckDefinition[] {
  const areas: Array<[DiagnosticArea, readonly CheckDefinition[]]> = [
    ['Setup', [...setupChecks, ...managementLockoutChecks]],
    ['Ports', portChecks],
    ['Accounts and logins', [...accountChecks, ...loginChecks]],
    ['Clients', [...clientChecks, ...clientSetupChecks]],
    ['Models and routing', [...requestedModelChecks, ...routingChecks]],
    ['Streaming and usage', streamingChecks],
    ['Providers', [...providerChecks, ...copilotChecks]],
  ];
  const ordered = areas.flatMap(([area, checks]) => checks.map((check) => ({ ...check, area })));
  const ids = new Set<string>();
  for (const check of ordered) {
    if (ids.has(check.id)) throw new Error(`duplicate diagnostic check id ${check.id}`);
    ids.add(check.id);
  }
  return ordered;
}

export const NOT_RUN_SUMMARY = 'Not run yet — press Run check';
/** The same, in `cliproxyctl doctor`, where there is no button. */
export const NOT_RUN_DOCTOR_SUMMARY = 'Not run: it sends two tiny requests (a few tokens). Run `cliproxyctl doctor --all` to include it.';
const CHEAP_TIMEOUT_MS = 10_000;
const ON_DEMAND_TIMEOUT_MS = 28_000;

export interface Diagnostics {
  ids(): string[];
  has(id: string): boolean;
  /** Every check with a cheap status: cheap checks run (in parallel), on-demand ones are marked not run. */
  list(): Promise<CheckResult[]>;
  /** Every check, on-demand ones included (doctor --all). */
  runAll(options?: { includeOnDemand?: boolean }): Promise<CheckResult[]>;
  run(id: string): Promise<CheckResult | undefined>;
  /** Applies the check's fix (when it does not pass), then runs the check again (with config.yaml as the fix left it). */
  fix(id: string): Promise<DiagnosticFixResult | undefined>;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs check definitions against one context; a check that throws or hangs becomes an `unknown` result, never an error. */
export function createDiagnostics(context: DiagnosticsContext, definitions: readonly CheckDefinition[] = createCheckDefinitions()): Diagnostics {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));

  const shape = (definition: CheckDefinition, outcome: CheckOutcome, ran = true): CheckResult => {
    const fix = definition.fix && fixOffered(context, definition.fix) ? { id: definition.fix.id, label: definition.fix.label } : undefined;
    return {
      id: definition.id,
      title: definition.title,
      symptom: definition.symptom,
      cause: definition.cause,
      status: outcome.status,
      summary: outcome.summary,
      evidence: outcome.evidence ?? {},
      ...(outcome.remediation ? { remediation: outcome.remediation } : {}),
      ...(fix ? { fix } : {}),
      ...(definition.area ? { area: definition.area } : {}),
      ...(outcome.applies === false ? { applies: false } : {}),
      ...(ran ? {} : { ran: false }),
    };
  };

  const execute = async (definition: CheckDefinition): Promise<CheckResult> => {
    if (!contextOffers(context, definition.needs)) {
      return shape(definition, { status: 'unknown', summary: unavailableSummary(context, definition.needs), evidence: { needs: definition.needs === 'proxy' ? 'the running proxy\'s own state' : 'a running proxy' } }, false);
    }
    try {
      return shape(definition, await withTimeout(definition.run(context), definition.onDemand ? ON_DEMAND_TIMEOUT_MS : CHEAP_TIMEOUT_MS, 'The check'));
    } catch (error) {
      return shape(definition, { status: 'unknown', summary: `The check could not complete: ${(error as Error)?.message ?? String(error)}`, evidence: {} });
    }
  };

  const notRun = (definition: CheckDefinition): CheckResult =>
    shape(
      definition,
      {
        status: 'unknown',
        summary: context.mode === 'doctor' ? NOT_RUN_DOCTOR_SUMMARY : NOT_RUN_SUMMARY,
        evidence: { onDemand: 'sends one tiny non-stream and one stream request through the proxy (a few tokens), so it runs only when asked' },
      },
      false,
    );

  return {
    ids: () => [...byId.keys()],
    has: (id) => byId.has(id),
    list: () => Promise.all(definitions.map((definition) => (definition.onDemand ? notRun(definition) : execute(definition)))),
    runAll: (options = {}) => Promise.all(definitions.map((definition) => (definition.onDemand && !options.includeOnDemand ? notRun(definition) : execute(definition)))),
    async run(id) {
      const definition = byId.get(id);
      return definition ? execute(definition) : undefined;
    },
    async fix(id) {
      const definition = byId.get(id);
      if (!definition) return undefined;
      const fix = definition.fix;
      if (!fix) {
        const check = await execute(definition);
        return { ok: false, message: `"${definition.title}" has no automatic fix; ${check.remediation ?? 'see the summary for what to do'}`, check };
      }
      if (!fixOffered(context, fix)) return { ok: false, message: fixUnavailableMessage(context, fix), check: await execute(definition) };
      // An on-demand check (the canary) is not run twice: its fix is the re-run.
      const before = definition.onDemand ? undefined : await execute(definition);
      if (before?.status === 'pass') return { ok: true, message: 'Nothing to fix: the check passes.', check: before };
      let outcome;
      try {
        outcome = await withTimeout(fix.apply(context), ON_DEMAND_TIMEOUT_MS, 'The fix');
      } catch (error) {
        outcome = { ok: false, message: `The fix failed: ${(error as Error)?.message ?? String(error)}` };
      }
      return { ok: outcome.ok, message: outcome.message, ...(outcome.link ? { link: outcome.link } : {}), check: await execute(definition) };
    },
  };
}
