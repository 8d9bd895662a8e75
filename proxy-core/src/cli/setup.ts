import { promises as fsPromises } from 'node:fs';
import { createClientSetup, GuidedClientError, ModelNotServedError, SetupConflictError, UnknownClientError, UnreadableFileError, type ClientStatus, type SetupTarget } from '../client-setup/index.js';
import { maskSecret } from '../shared/index.js';
import { parseArgs, rejectUnknown, stringFlag, UsageError } from './args.js';
import { dataDirFor, displayPath, type CliEnvironment } from './environment.js';
import { envelope } from './output.js';
import { resolveSetupTarget } from './setup-target.js';

export const SETUP_HELP = `Usage: cliproxyctl setup <client> [--model M] [--small-model M] [--dry-run] [--revert [--force]] [--json]
       cliproxyctl setup --list [--json]

Points a coding tool at this proxy by merging only our keys into its own settings files: comments,
order and every other setting stay as they were. Shows the diff first (--dry-run shows only that),
keeps a backup of the previous file, and --revert restores the file exactly as it was before the
first setup (or removes a file the setup created).

Clients: claude-code, codex, gemini-cli, qwen-code, opencode, factory-droid, continue,
         amp (with ampcode.upstream-url)
Guided (values to paste): cline, roo-code, kilo-code, cherry-studio

  --model M        the model the client uses by default (only a model the proxy serves)
  --small-model M  Claude Code's small fast model / opencode's small_model
  --dry-run        print the diff and change nothing
  --revert         restore the files from before the first setup
  --force          with --revert: also when a file was edited since the setup wrote it
  --list           every client with its status: points at this proxy, at something else, not set
                   up, or changed since we wrote it
  --config PATH    config.yaml to use (same lookup as serve)
  --json           one JSON object on stdout

Uses the running proxy on this machine for its address, client key and models when there is one;
otherwise config.yaml and the auth-dir.

Exit codes: 0 done (or nothing to change); 1 not done: a settings file could not be parsed (its line is
named; it was left untouched), the model is not served, a file changed since the setup wrote it, or a
write failed; 2 usage error (unknown client or flag).
`;

const STATE_LABEL: Record<ClientStatus['state'], string> = {
  'this-proxy': 'points at this proxy',
  elsewhere: 'points elsewhere',
  'not-set-up': 'not set up',
  'changed-since-written': 'changed since we wrote it',
  unreadable: 'cannot be read',
};

function describeStatus(status: ClientStatus, home: string): string {
  if (status.kind === 'guided') {
    const steps = (status.steps ?? []).map((step) => `      ${step.label}: ${step.secret ? maskSecret(step.value) : step.value}`);
    return [`  ${status.name.padEnd(14)} guided — ${status.summary}`, ...steps, ...(status.link ? ['      import link: cliproxyctl setup cherry-studio --json (details.link)'] : [])].join('\n');
  }
  const where = status.pointsAt && status.state !== 'this-proxy' ? ` (${status.pointsAt})` : '';
  const model = status.model ? `, model ${status.model}` : '';
  return `  ${status.name.padEnd(14)} ${STATE_LABEL[status.state]}${where}${model}${status.detected ? '' : ' — not installed here'}\n      ${status.files.map((file) => displayPath(file, home)).join(', ')}`;
}

/** Guided clients' secrets stay masked in JSON too; the link is the only place the key travels, as the app needs it. */
function publicStatus(status: ClientStatus): ClientStatus {
  return { ...status, ...(status.steps ? { steps: status.steps.map((step) => (step.secret ? { ...step, value: maskSecret(step.value) } : step)) } : {}) };
}

export async function setupCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help', 'dry-run', 'revert', 'force', 'list']));
  if (args.flags.has('help')) {
    environment.stdout(SETUP_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json', 'dry-run', 'revert', 'force', 'list', 'model', 'small-model']);
  const json = args.flags.has('json');
  const list = args.flags.has('list');
  const clientId = args.positional[0];
  if (!list && !clientId) throw new UsageError('name a client (e.g. cliproxyctl setup claude-code) or use --list');
  if (args.positional.length > 1) throw new UsageError(`one client at a time (got ${args.positional.join(', ')})`);

  const resolved = await resolveSetupTarget(environment, stringFlag(args, 'config'));
  const model = stringFlag(args, 'model');
  const smallModel = stringFlag(args, 'small-model');
  const target: SetupTarget = { ...resolved.target, ...(model ? { model } : {}), ...(smallModel ? { smallModel } : {}) };
  const setup = createClientSetup({ fs: fsPromises, dataDir: dataDirFor(environment), clock: () => new Date(), context: { home: environment.home, env: environment.env, platform: environment.platform } });
  const print = (ok: boolean, details: Record<string, unknown>, text: string) => {
    if (json) environment.stdout(`${JSON.stringify(envelope('setup', ok, { source: resolved.source, baseUrl: target.baseUrl, ...details }))}\n`);
    else environment.stdout(text);
  };

  if (list) {
    const clients = await setup.list(target);
    print(true, { clients: clients.map(publicStatus) }, `Clients (proxy ${target.baseUrl}):\n${clients.map((status) => describeStatus(status, environment.home)).join('\n')}\n`);
    return 0;
  }
  const id = clientId as string;
  try {
    const client = setup.clients.find((candidate) => candidate.id === id);
    if (!client) throw new UnknownClientError(id, setup.clients.map((candidate) => candidate.id));
    if (client.kind === 'guided') {
      if (args.flags.has('revert') || args.flags.has('dry-run')) throw new GuidedClientError(client.name);
      const status = await setup.status(id, target);
      print(true, { client: publicStatus(status), link: status.link }, `${describeStatus(status, environment.home)}\n${status.link ? `\nOpen this link on this machine to import the provider into ${client.name}:\n  ${status.link.replace(/data=[^&]+/, 'data=…')}\n(shown in full with --json)\n` : ''}`);
      return 0;
    }
    if (args.flags.has('revert')) {
      const result = await setup.revert(id, target, { force: args.flags.has('force') });
      const lines = [...result.restored.map((file) => `Restored ${displayPath(file, environment.home)}`), ...result.removed.map((file) => `Removed ${displayPath(file, environment.home)} (the setup had created it)`)];
      print(true, { client: id, restored: result.restored, removed: result.removed, status: result.status }, `${lines.join('\n')}\n${client.name} ${STATE_LABEL[result.status.state]}.\n`);
      return 0;
    }
    const plan = await setup.preview(id, target);
    const diffs = plan.files.filter((file) => file.changed).map((file) => file.diff).join('');
    if (args.flags.has('dry-run')) {
      print(true, { client: id, dryRun: true, files: plan.files.map((file) => ({ path: file.path, changed: file.changed, diff: file.diff })) }, diffs === '' ? `${client.name} is already set up for ${target.baseUrl}; nothing would change.\n` : `${diffs}\n(dry run: nothing was written)\n`);
      return 0;
    }
    const result = await setup.apply(id, target);
    if (id === 'amp' && !resolved.ampUpstream) environment.stderr("Note: Amp's own API (account, threads) also goes through the proxy: set ampcode.upstream-url (https://ampcode.com) in config.yaml, or Amp stops at its first request.\n");
    const text =
      result.written.length === 0
        ? `${client.name} is already set up for ${target.baseUrl}; nothing changed.\n`
        : `${diffs}\nWrote ${result.written.map((file) => displayPath(file, environment.home)).join(', ')}${result.backups.length > 0 ? ` (backup in ${displayPath(result.backups[0] as string, environment.home).replace(/\/[^/]+$/, '/')})` : ''}.\n${client.name} now ${STATE_LABEL[result.status.state]}. Undo with: cliproxyctl setup ${id} --revert\n`;
    print(true, { client: id, written: result.written, backups: result.backups, files: result.plan.files.map((file) => ({ path: file.path, changed: file.changed, diff: file.diff })), status: result.status }, text);
    return 0;
  } catch (error) {
    if (error instanceof UnknownClientError) throw new UsageError(error.message);
    if (error instanceof UnreadableFileError || error instanceof ModelNotServedError || error instanceof SetupConflictError || error instanceof GuidedClientError) {
      if (json) environment.stdout(`${JSON.stringify(envelope('setup', false, { client: id, error: error.message, ...(error instanceof UnreadableFileError ? { file: error.filePath, line: error.line, column: error.column } : {}) }))}\n`);
      environment.stderr(`cliproxyctl setup: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
