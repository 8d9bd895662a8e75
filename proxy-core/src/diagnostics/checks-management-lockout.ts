import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

function describeBlock(block: { address: string; until: number; kind?: 'ban' | 'delay'; failures?: number }, now: number): string {
  const seconds = Math.max(1, Math.ceil((block.until - now) / 1000));
  if (block.kind === 'delay') return `programs on this machine wait ${seconds} s between management key tries after ${block.failures ?? 'several'} wrong keys`;
  return `${block.address} is banned for ${Math.ceil(seconds / 60)} more minute(s) after ${block.failures ?? 5} wrong keys`;
}

async function runLockout(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const now = context.now();
  const blocks = proxy.managementBans().filter((block) => block.until > now);
  const evidence: Record<string, unknown> = {
    blocks: blocks.map((block) => ({ scope: block.address, kind: block.kind ?? 'ban', until: new Date(block.until).toISOString(), failures: block.failures ?? null })),
    recentFailedAttempts: proxy.logs.entries({ contains: 'management auth failed', limit: 200 }).length,
  };
  if (blocks.length === 0) return { status: 'pass', summary: 'No caller is banned or slowed down after wrong management keys.', evidence };
  return {
    status: 'warn',
    summary: `Management is locked after wrong keys: ${blocks.map((block) => describeBlock(block, now)).join('; ')}.`,
    evidence,
    remediation:
      'Lift it with `cliproxyctl doctor --fix` or "Lift the lockout" here (it also lifts by itself). Then sign in with the management key you were given at first start; ' +
      'config.yaml keeps only its bcrypt hash. The log names the address that sent the wrong keys.',
  };
}

async function liftLockout(context: DiagnosticsContext): Promise<FixOutcome> {
  const cleared = context.proxy?.clearManagementBans?.() ?? 0;
  context.proxy?.log('info', `management: lockout lifted (${cleared} caller(s))`);
  return { ok: true, message: cleared > 0 ? `Lifted the management lockout (${cleared} caller(s)); the right key works again at once.` : 'Nothing was locked.' };
}

export const managementLockoutChecks: readonly CheckDefinition[] = [
  {
    id: 'management-lockout',
    title: 'Management lockout after wrong keys',
    symptom: 'The dashboard or cliproxyctl is refused with "banned" or "wait … s" although the key is right',
    cause: 'Several wrong management keys were sent (an old key in a script or another browser tab)',
    needs: 'proxy',
    run: runLockout,
    fix: { id: 'lift-management-lockout', label: 'Lift the lockout', needs: 'proxy', apply: liftLockout },
  },
];
