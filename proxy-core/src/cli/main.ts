import { UsageError } from './args.js';
import { doctorCommand } from './doctor.js';
import { importCommand } from './import.js';
import { loginCommand } from './login.js';
import { statusCommand } from './status.js';
import type { CliEnvironment } from './environment.js';
import { envelope } from './output.js';
import { resetManagementKeyCommand } from './reset-management-key.js';
import { serveCommand } from './serve.js';
import { setupCommand } from './setup.js';

export const MAIN_HELP = `Usage: cliproxyctl <command> [flags]

Commands:
  serve    run the proxy (default config: ~/.config/cliproxy-desktop/config.yaml)
  login    log in to a subscription (claude, codex, gemini-cli, antigravity)
  import   import logins from CLIProxyAPI files or the vendors' own CLIs
  status   accounts: token, last refresh, quota, cooldowns
  doctor   check the set-up: config, auth-dir, port, accounts, management
  reset-management-key
           make a new management key (the dashboard's sign-in), printed once
  setup    point a coding tool (Claude Code, Codex, Gemini CLI, …) at this proxy; --list, --revert

Run 'cliproxyctl <command> --help' for a command's flags.
`;

const COMMANDS: Record<string, (environment: CliEnvironment, argv: readonly string[]) => Promise<number>> = {
  serve: serveCommand,
  login: loginCommand,
  import: importCommand,
  status: statusCommand,
  doctor: doctorCommand,
  'reset-management-key': resetManagementKeyCommand,
  setup: setupCommand,
};

/** Exit codes: 0 ok, 1 the operation failed, 2 usage error (as the reference's cliproxyctl). */
export async function runCli(environment: CliEnvironment): Promise<number> {
  const [command, ...rest] = environment.argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? environment.stdout : environment.stderr)(MAIN_HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    if (rest.includes('--json')) environment.stdout(`${JSON.stringify(envelope(command, false, { error: `unknown command "${command}"`, commands: Object.keys(COMMANDS) }))}\n`);
    environment.stderr(`cliproxyctl: unknown command "${command}"\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await run(environment, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      environment.stderr(`cliproxyctl ${command}: ${error.message}\nRun 'cliproxyctl ${command} --help'.\n`);
      return 2;
    }
    environment.stderr(`cliproxyctl ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
