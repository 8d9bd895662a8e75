import { existsSync } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { generateConfigKey } from '../config/default-config.js';
import { editConfigFile } from '../diagnostics/index.js';
import { parseArgs, rejectUnknown, stringFlag } from './args.js';
import { dataDirFor, displayPath, locateConfig, type CliEnvironment } from './environment.js';
import { readLocalControl } from './local-control.js';
import { envelope } from './output.js';

export const RESET_MANAGEMENT_KEY_HELP = `Usage: cliproxyctl reset-management-key [--config PATH] [--json]

Makes a new management key (for the dashboard at /ui and /v0/management), prints it once and writes its
bcrypt hash to remote-management.secret-key in config.yaml (comments and the rest of the file are kept).
config.yaml never holds the key itself, so this is the way to get one when it is lost. The old key stops
working; a proxy already running with this config.yaml picks the new one up when it reloads the file
(at once), no restart needed. Also turns management on when it was off.

  --config PATH   config.yaml to change (same lookup as serve)
  --json          one JSON object on stdout (schema cliproxyctl.response.v1), the key in details.management_key
`;

/** The sentence naming this command, for every message about a lost or unknown management key. */
export const RESET_KEY_HINT = 'Lost the management key? `cliproxyctl reset-management-key` prints a new one (config.yaml keeps only its hash).';

/** `cliproxyctl reset-management-key`: a new management key, shown once; config.yaml gets its bcrypt hash. */
export async function resetManagementKeyCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help']));
  if (args.flags.has('help')) {
    environment.stdout(RESET_MANAGEMENT_KEY_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json']);
  const json = args.flags.has('json');
  const located = locateConfig(environment, stringFlag(args, 'config'));
  const fail = (message: string): number => {
    if (json) environment.stdout(`${JSON.stringify(envelope('reset-management-key', false, { config_path: located.path, error: message }))}\n`);
    environment.stderr(`cliproxyctl reset-management-key: ${message}\n`);
    return 1;
  };
  const result = await writeNewManagementKey(environment, located.path);
  if (!result.ok) return fail(result.error);
  if (json) {
    environment.stdout(`${JSON.stringify(envelope('reset-management-key', true, { config_path: located.path, management_key: result.key, running_proxy: result.running ?? null }))}\n`);
    return 0;
  }
  environment.stdout(result.message);
  return 0;
}

/**
 * The reset itself (also offered by `doctor --fix`): a new key, its bcrypt hash written with the comment-preserving
 * writer, and the text that shows the key once and says when it takes effect.
 */
export async function writeNewManagementKey(
  environment: CliEnvironment,
  configPath: string,
): Promise<{ ok: true; key: string; running?: string; message: string } | { ok: false; error: string }> {
  const shown = displayPath(configPath, environment.home);
  if (!existsSync(configPath)) {
    return { ok: false, error: `${shown} does not exist: nothing to reset. \`cliproxyctl serve\` creates it and prints a management key, or pass --config with the config.yaml your proxy uses.` };
  }
  const key = generateConfigKey('management');
  const written = await editConfigFile(configPath, environment.home, [{ path: ['remote-management', 'secret-key'], value: await bcrypt.hash(key, 10) }]);
  if (!written.ok) return { ok: false, error: `the key was not changed: ${written.reason}.` };
  const control = await readLocalControl(dataDirFor(environment));
  const running = control && path.resolve(control.configPath) === path.resolve(configPath) ? control.url : undefined;
  const message =
    `New management key, shown only this once (${shown} keeps just its bcrypt hash):\n  ${key}\n` +
    `Save it now, e.g. in a password manager. The old key no longer works.\n` +
    (running
      ? `The proxy at ${running} reloads config.yaml by itself: sign in at ${running}/ui with the new key.\n`
      : 'A proxy running with this config.yaml picks it up when it reloads the file; otherwise at its next start.\n');
  return { ok: true, key, running, message };
}
