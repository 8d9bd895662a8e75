import type { LoginView } from '../server/management/contract.js';
import { ProxyError } from '../shared/errors.js';
import { BROWSER_WAIT_SENTENCE } from '../login/login-service.js';
import { OAuthError } from '../login/oauth-error.js';
import { normalizeProvider } from '../login/provider-aliases.js';
import { openCliAccounts } from './account-setup.js';
import { intFlag, parseArgs, rejectUnknown, stringFlag, UsageError } from './args.js';
import { displayPath, onInterrupt, type CliEnvironment } from './environment.js';
import { envelope } from './output.js';
import path from 'node:path';

export const LOGIN_HELP = `Usage: cliproxyctl login --provider NAME [--no-browser] [--manual-callback] [--device]
                        [--oauth-callback-port N] [--project-id ID] [--start-url URL --region R]
                        [--config PATH] [--json]

Logs in to a subscription and saves the account in the auth-dir of config.yaml, where a running
proxy picks it up at once.

  --provider NAME          claude (claude-code), codex (openai, chatgpt), gemini-cli (gemini),
                           antigravity, github-copilot (copilot, gh-copilot), qwen (qwen-code),
                           kimi (moonshot, kimi-code), iflow (i-flow), xai (grok),
                           kiro (codewhisperer, amazonq; AWS Builder ID device login)
  --no-browser             print the address instead of opening a browser; paste the address
                           the browser ended on (or the code) here
  --manual-callback        do not start the local callback server at all (paste only)
  --device                 device-code login where the provider has one (codex, kiro; github-copilot,
                           qwen, kimi and xai have only this one and use it without the flag)
  --oauth-callback-port N  local callback port (default: the provider's; 0 = any free port)
  --project-id ID          gemini-cli: a Google Cloud project, a comma-separated list, or ALL
  --start-url URL          kiro: log in through IAM Identity Center at this AWS access portal
                           (e.g. https://my-org.awsapps.com/start) instead of AWS Builder ID
  --region R               kiro with --start-url: the Identity Center's AWS region (default us-east-1)
  --config PATH            config.yaml to use (same lookup as serve)
  --json                   one JSON object on stdout: ok, provider, account, file, error
`;

interface LoginErrorDetails {
  code: string;
  message: string;
  next_step: string;
}

/** `cliproxyctl login`: the same login service the app uses, driven from the terminal. */
export async function loginCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help', 'no-browser', 'manual-callback', 'device']));
  if (args.flags.has('help')) {
    environment.stdout(LOGIN_HELP);
    return 0;
  }
  rejectUnknown(args, ['provider', 'no-browser', 'manual-callback', 'device', 'oauth-callback-port', 'project-id', 'start-url', 'region', 'config', 'json']);
  const json = args.flags.has('json');
  const name = stringFlag(args, 'provider') ?? args.positional[0];
  if (!name) throw new UsageError('--provider is required (claude, codex, gemini-cli, antigravity or github-copilot)');
  const normalized = normalizeProvider(name);
  const finish = (ok: boolean, details: { account?: string; file?: string; error?: LoginErrorDetails }) => {
    const body = { provider: normalized.id, ...details };
    if (json) environment.stdout(`${JSON.stringify({ ...envelope('login', ok, body), ...body })}\n`);
    else if (details.error) environment.stderr(`cliproxyctl login: ${details.error.message}\n  next: ${details.error.next_step}\n`);
    return ok ? 0 : 1;
  };
  const say = (text: string) => (json ? environment.stderr(text) : environment.stdout(text));

  const callbackPort = intFlag(args, 'oauth-callback-port');
  const projectId = stringFlag(args, 'project-id');
  let cli: Awaited<ReturnType<typeof openCliAccounts>> | undefined;
  try {
    cli = await openCliAccounts(environment, stringFlag(args, 'config'), { createConfig: true });
    return await runLogin(cli);
  } catch (error) {
    // Under --json every outcome is one object on stdout, also a failure before or outside the login flow.
    if (!json) throw error;
    const known = error instanceof OAuthError || error instanceof ProxyError;
    return finish(false, {
      error: {
        code: error instanceof OAuthError ? error.code : error instanceof ProxyError ? error.code : 'login_failed',
        message: (error as Error).message,
        next_step: error instanceof OAuthError && error.nextStep ? error.nextStep : known ? 'Check the network connection and config.yaml, then run the login again.' : 'Run the login again; if it keeps failing, run `cliproxyctl doctor`.',
      },
    });
  } finally {
    await cli?.close();
  }

  async function runLogin(cli: Awaited<ReturnType<typeof openCliAccounts>>): Promise<number> {
    let view: LoginView;
    try {
      view = await cli.logins.start({
        provider: name,
        // No flag: the provider's own default (browser, or the device login where that is all it has).
        flow: args.flags.has('device') ? 'device' : args.flags.has('manual-callback') ? 'manual' : undefined,
        callbackPort,
        projectId,
        startUrl: stringFlag(args, 'start-url'),
        region: stringFlag(args, 'region'),
      });
    } catch (error) {
      if (!(error instanceof ProxyError)) throw error;
      return finish(false, { error: { code: normalized.known ? 'unsupported_provider' : 'unknown_provider', message: error.message, next_step: normalized.unsupportedHint ?? 'Use one of: claude, codex, gemini-cli, antigravity, github-copilot, qwen, kimi, iflow, xai.' } });
    }
    say(`Log in to ${view.providerName}.\n`);
    if (view.flow === 'device') {
      say(`Open ${view.url}\nand enter the code: ${view.userCode}\n`);
    } else {
      say(`Open this address in a browser and approve access:\n\n  ${view.url}\n\n${terminalWording(view.message)}\n`);
      if (view.flow === 'browser' && view.callbackUrl) say(`The browser is sent back to ${view.callbackUrl} on this machine. Browser elsewhere? First run there: ${view.tunnelCommand}\n`);
      say('Or paste the address the browser ended on (or the code) here and press Enter.\n');
    }
    if (!args.flags.has('no-browser') && !args.flags.has('manual-callback')) {
      const opened = await environment.openUrl(view.url);
      if (!opened) say('(No browser could be opened here: copy the address above.)\n');
    }
    const input = environment.stdinLines();
    const pasted = (async () => {
      for await (const line of input.lines) {
        if (!line.trim()) continue;
        const current = cli.logins.get(view.id);
        if (!current || current.status !== 'waiting') return;
        try {
          await cli.logins.callback(view.id, line);
        } catch (error) {
          say(`${(error as Error).message}\nPaste the whole address again, or press Ctrl-C to stop.\n`);
        }
      }
    })();
    // Ctrl-C cancels the login (its callback server closes, nothing is saved) and says so.
    const stopListening = onInterrupt(environment, () => cli.logins.cancel(view.id));
    let result: LoginView;
    try {
      result = await cli.logins.wait(view.id);
    } finally {
      stopListening();
    }
    input.close();
    await pasted;
    if (result.status === 'cancelled') {
      finish(false, { error: { code: 'cancelled', message: 'The login was cancelled (Ctrl-C); nothing was saved.', next_step: `Run \`cliproxyctl login --provider ${normalized.id}\` again when you are ready.` } });
      return 130;
    }
    if (result.status === 'done' && result.account) {
      const file = path.join(cli.loaded.config.authDir, result.account.file);
      say(`Logged in as ${result.account.label}. Saved to ${displayPath(file, environment.home)}.\n`);
      return finish(true, { account: result.account.label, file });
    }
    return finish(false, {
      error: {
        code: result.error?.code ?? result.status,
        message: result.error?.message ?? `The login ended (${result.status}).`,
        next_step: result.error?.nextStep ?? 'Run the login again.',
      },
    });
  }
}

/** The login service words its message for the dashboard page; in a terminal, nothing "updates by itself". */
function terminalWording(message: string): string {
  return message.replace(BROWSER_WAIT_SENTENCE, 'Open the link and approve access; this command continues by itself once the browser comes back to this machine.');
}
