import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AccountRecord } from '../credentials/account.js';
import { importLoginText } from '../login/import-logins.js';
import { normalizeProvider } from '../login/provider-aliases.js';
import { openCliAccounts } from './account-setup.js';
import { parseArgs, rejectUnknown, stringFlag } from './args.js';
import { displayPath, type CliEnvironment } from './environment.js';
import { envelope } from './output.js';

export const IMPORT_HELP = `Usage: cliproxyctl import [FILE|DIR ...] [--provider NAME] [--config PATH] [--json]

Imports existing logins into the auth-dir of config.yaml: CLIProxyAPI auth files (a file, or a
whole auth folder such as ~/.cli-proxy-api) and the vendors' own CLI logins. Without a path it
looks where the vendors' CLIs keep them (~/.claude/.credentials.json, ~/.codex/auth.json,
~/.gemini/oauth_creds.json). Files already in the auth-dir are updated with the newer token.

  --provider NAME   only try this provider's formats
  --config PATH     config.yaml to use (same lookup as serve)
  --json            one JSON object on stdout: imported, skipped, failed
`;

interface Outcome {
  imported: Array<{ source: string; provider: string; account: string; file: string }>;
  skipped: Array<{ source: string; reason: string }>;
  failed: Array<{ source: string; error: string }>;
}

async function filesIn(target: string): Promise<string[]> {
  const stat = await fs.stat(target);
  if (!stat.isDirectory()) return [target];
  const names = (await fs.readdir(target)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  return names.map((name) => path.join(target, name));
}

/** A JSON object file, or undefined when it is missing or not an object. */
async function readJsonObject(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `cliproxyctl import`: vendor CLI logins and CLIProxyAPI files → auth-dir files, through each provider's importers. */
export async function importCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help']));
  if (args.flags.has('help')) {
    environment.stdout(IMPORT_HELP);
    return 0;
  }
  rejectUnknown(args, ['provider', 'config', 'json']);
  const only = stringFlag(args, 'provider');
  const cli = await openCliAccounts(environment, stringFlag(args, 'config'), { createConfig: true });
  const outcome: Outcome = { imported: [], skipped: [], failed: [] };
  try {
    const providers = [...cli.providers.values()].filter((provider) => provider.accounts?.importers?.length && (!only || provider.id === normalizeProvider(only).id));
    let sources: string[] = [];
    if (args.positional.length > 0) {
      for (const target of args.positional) {
        const resolved = path.resolve(environment.cwd, target);
        try {
          const found = await filesIn(resolved);
          if (found.length === 0) {
            outcome.skipped.push({
              source: resolved,
              reason: 'the folder holds no auth files: import looks for *.json files directly in it (CLIProxyAPI auth files such as claude-you@example.com.json, or a vendor CLI login file); subfolders are not searched',
            });
          }
          sources.push(...found);
        } catch (error) {
          outcome.failed.push({ source: resolved, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
        }
      }
    } else {
      const defaults = providers.flatMap((provider) => provider.accounts!.importers!.flatMap((importer) => importer.defaultPaths)).map((file) => path.join(environment.home, file));
      sources = [];
      for (const file of [...new Set(defaults)]) if (await fs.stat(file).then(() => true, () => false)) sources.push(file);
      if (sources.length === 0) outcome.skipped.push({ source: defaults.map((file) => displayPath(file, environment.home)).join(', '), reason: 'none of the vendors’ CLI login files exist here' });
    }
    const host = { providers, context: (id: string) => cli.context(id), save: (id: string, record: AccountRecord) => cli.accounts.save(id, record) };
    for (const source of sources) {
      let text: string;
      try {
        text = await fs.readFile(source, 'utf8');
      } catch (error) {
        outcome.failed.push({ source, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
        continue;
      }
      const result = await importLoginText(text, host, { path: source, readSibling: (name) => readJsonObject(path.join(path.dirname(source), path.basename(name))) });
      if (result.kind === 'imported') outcome.imported.push({ source, provider: result.provider, account: result.account, file: path.join(cli.loaded.config.authDir, result.file) });
      else if (result.kind === 'skipped') outcome.skipped.push({ source, reason: result.reason });
      else outcome.failed.push({ source, error: result.error });
    }
  } finally {
    await cli.close();
  }
  const ok = outcome.failed.length === 0 && outcome.imported.length > 0;
  if (args.flags.has('json')) {
    environment.stdout(`${JSON.stringify(envelope('import', ok, { ...outcome }))}\n`);
  } else {
    for (const item of outcome.imported) environment.stdout(`imported  ${item.provider} ${item.account} → ${displayPath(item.file, environment.home)}\n`);
    for (const item of outcome.skipped) environment.stdout(`skipped   ${displayPath(item.source, environment.home)}: ${item.reason}\n`);
    for (const item of outcome.failed) environment.stdout(`FAILED    ${displayPath(item.source, environment.home)}: ${item.error}\n`);
    if (outcome.imported.length === 0 && outcome.failed.length === 0) environment.stdout('Nothing was imported.\n');
  }
  return ok ? 0 : 1;
}
