/**
 * Qwen Code (a Gemini CLI fork speaking OpenAI chat): `~/.qwen/settings.json` selects the "openai" auth type,
 * `~/.qwen/.env` carries OPENAI_BASE_URL (with /v1), OPENAI_API_KEY and, when chosen, OPENAI_MODEL.
 */
import { editEnv, readEnv, type EnvChange } from '../edit-env.js';
import { editJson } from '../edit-json.js';
import { pathFlavour, secretLookingValues, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';

const folder = (context: ClientContext) => pathFlavour(context).join(context.home, '.qwen');
const settingsFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'settings.json');
const envFile = (context: ClientContext) => pathFlavour(context).join(folder(context), '.env');

export const qwenCode: FileClient = {
  kind: 'file',
  id: 'qwen-code',
  name: 'Qwen Code',
  summary: 'security.auth.selectedType in ~/.qwen/settings.json; OPENAI_BASE_URL, OPENAI_API_KEY (and OPENAI_MODEL) in ~/.qwen/.env',
  takesSmallModel: false,
  detectPaths: (context) => [folder(context)],
  files: (context) => [settingsFile(context), envFile(context)],
  edit(context, filePath, text, target) {
    const model = servedModel(target, target.model);
    if (filePath === envFile(context)) {
      const changes: EnvChange[] = [
        { key: 'OPENAI_BASE_URL', value: `${target.baseUrl}/v1` },
        { key: 'OPENAI_API_KEY', value: target.apiKey },
      ];
      if (model) changes.push({ key: 'OPENAI_MODEL', value: model });
      return editEnv(filePath, text, changes);
    }
    return editJson(filePath, text, [{ kind: 'set', path: ['security', 'auth', 'selectedType'], value: 'openai' }]);
  },
  read(context, texts) {
    const envText = texts.get(envFile(context));
    const env = envText === undefined ? {} : readEnv(envFile(context), envText);
    return { baseUrl: stringAt(env.OPENAI_BASE_URL), model: stringAt(env.OPENAI_MODEL), secrets: secretLookingValues(env) };
  },
};
