/**
 * Amp: `amp.url` in `~/.config/amp/settings.json` points the CLI at the proxy, and the proxy's client key is
 * stored where Amp looks for the key of that URL (`secrets.json`, `"apiKey@<amp.url>"`, under `$AMP_HOME`,
 * `$XDG_DATA_HOME/amp` or `~/.local/share/amp`). The proxy serves Amp's model traffic and passes the rest of
 * Amp's API on to `ampcode.upstream-url` with the user's own Amp key.
 */
import { editJson, readJson, valueAt } from '../edit-json.js';
import { pathFlavour, stringAt, xdgConfigHome, type ClientContext, type FileClient } from '../client-definition.js';

const settingsFolder = (context: ClientContext) => pathFlavour(context).join(xdgConfigHome(context), 'amp');
const settingsFile = (context: ClientContext) => pathFlavour(context).join(settingsFolder(context), 'settings.json');

function secretsFile(context: ClientContext): string {
  const paths = pathFlavour(context);
  const ampHome = context.env.AMP_HOME?.trim();
  if (ampHome) return paths.join(ampHome, 'secrets.json');
  const dataHome = context.env.XDG_DATA_HOME?.trim();
  return paths.join(dataHome && paths.isAbsolute(dataHome) ? dataHome : paths.join(context.home, '.local', 'share'), 'amp', 'secrets.json');
}

/** Amp keys a saved key by its `amp.url` exactly as written (`https://ampcode.com/` for its default; ours has no slash). */
const secretName = (baseUrl: string) => `apiKey@${baseUrl}`;

export const amp: FileClient = {
  kind: 'file',
  id: 'amp',
  name: 'Amp',
  summary: 'amp.url in ~/.config/amp/settings.json and the proxy key in Amp\'s secrets.json (needs ampcode.upstream-url for Amp\'s own API)',
  takesSmallModel: false,
  detectPaths: (context) => [settingsFolder(context)],
  files: (context) => [settingsFile(context), secretsFile(context)],
  edit(context, filePath, text, target) {
    if (filePath === secretsFile(context)) return editJson(filePath, text, [{ kind: 'set', path: [secretName(target.baseUrl)], value: target.apiKey }]);
    return editJson(filePath, text, [{ kind: 'set', path: ['amp.url'], value: target.baseUrl }]);
  },
  read(context, texts) {
    const settingsText = texts.get(settingsFile(context));
    const secretsText = texts.get(secretsFile(context));
    const secrets = secretsText === undefined ? {} : readJson(secretsFile(context), secretsText);
    const values = Object.values(secrets as Record<string, unknown>).flatMap((value) => stringAt(value) ?? []);
    return { baseUrl: settingsText === undefined ? undefined : stringAt(valueAt(readJson(settingsFile(context), settingsText), ['amp.url'])), secrets: values };
  },
};
