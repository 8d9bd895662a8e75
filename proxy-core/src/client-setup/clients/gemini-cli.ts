/**
 * Gemini CLI: `~/.gemini/settings.json` selects the API-key auth type (without it, a base URL alone selects
 * "gateway", which `-p` rejects), and `~/.gemini/.env` carries GOOGLE_GEMINI_BASE_URL (no /v1beta) and
 * GEMINI_API_KEY. A chosen model goes to `model.name`.
 */
import { editEnv, readEnv } from '../edit-env.js';
import { editJson, readJson, valueAt, type JsonChange } from '../edit-json.js';
import { pathFlavour, secretLookingValues, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';

const folder = (context: ClientContext) => pathFlavour(context).join(context.home, '.gemini');
const settingsFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'settings.json');
const envFile = (context: ClientContext) => pathFlavour(context).join(folder(context), '.env');

export const geminiCli: FileClient = {
  kind: 'file',
  id: 'gemini-cli',
  name: 'Gemini CLI',
  summary: 'security.auth.selectedType in ~/.gemini/settings.json; GOOGLE_GEMINI_BASE_URL and GEMINI_API_KEY in ~/.gemini/.env',
  takesSmallModel: false,
  detectPaths: (context) => [folder(context)],
  files: (context) => [settingsFile(context), envFile(context)],
  edit(context, filePath, text, target) {
    const model = servedModel(target, target.model);
    if (filePath === envFile(context)) {
      return editEnv(filePath, text, [
        { key: 'GOOGLE_GEMINI_BASE_URL', value: target.baseUrl },
        { key: 'GEMINI_API_KEY', value: target.apiKey },
      ]);
    }
    const changes: JsonChange[] = [{ kind: 'set', path: ['security', 'auth', 'selectedType'], value: 'gemini-api-key' }];
    if (model) changes.push({ kind: 'set', path: ['model', 'name'], value: model });
    return editJson(filePath, text, changes);
  },
  read(context, texts) {
    const envText = texts.get(envFile(context));
    const env = envText === undefined ? {} : readEnv(envFile(context), envText);
    const settingsText = texts.get(settingsFile(context));
    const settings = settingsText === undefined ? {} : readJson(settingsFile(context), settingsText);
    return { baseUrl: stringAt(env.GOOGLE_GEMINI_BASE_URL), model: stringAt(valueAt(settings, ['model', 'name'])), secrets: secretLookingValues(env) };
  },
};
