import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

/**
 * Client config drift: a coding tool set up for this proxy whose settings file was changed since (by the user,
 * another tool or an update) or no longer parses. Tools pointing at another server by choice are listed,
 * not failed.
 */
async function runClientSetupDrift(context: DiagnosticsContext): Promise<CheckOutcome> {
  if (!context.proxy?.clientSetups) return { status: 'unknown', summary: 'Client setup is not available in this proxy.', evidence: {} };
  const clients = (await context.proxy.clientSetups()).filter((client) => client.kind === 'file');
  const evidence = { clients: clients.filter((client) => client.detected || client.revertible).map((client) => ({ id: client.id, state: client.state, ...(client.pointsAt ? { pointsAt: client.pointsAt } : {}) })) };
  const drifted = clients.filter((client) => client.state === 'changed-since-written' || (client.state === 'unreadable' && (client.detected || client.revertible)));
  if (drifted.length > 0) {
    return {
      status: 'warn',
      summary: drifted.map((client) => `${client.name}: ${client.message}`).join(' '),
      evidence,
      remediation: 'On "Connect your tools" (or `cliproxyctl setup <client>`), set the tool up again, or revert it to its file from before.',
    };
  }
  const here = clients.filter((client) => client.state === 'this-proxy').map((client) => client.name);
  return {
    status: 'pass',
    summary: here.length > 0 ? `${here.join(', ')} point${here.length === 1 ? 's' : ''} at this proxy, unchanged since set up.` : 'No coding tool is set up for this proxy yet; nothing has drifted.',
    evidence,
  };
}

export const clientSetupChecks: readonly CheckDefinition[] = [
  {
    id: 'client-config-drift',
    title: 'Coding tools still point here',
    symptom: 'A tool that worked through the proxy now goes elsewhere or fails to start after an update or an edit',
    cause: 'Its settings file was changed since the setup wrote it, or no longer parses',
    needs: 'proxy',
    run: runClientSetupDrift,
  },
];
