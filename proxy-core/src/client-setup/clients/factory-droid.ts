/**
 * Factory Droid reads custom models from `customModels` in `~/.factory/settings.json` (camelCase; the legacy
 * snake_case `~/.factory/config.json` is merged under it). We add one "generic-chat-completion-api" entry per
 * served model, recognisable by the " (CLIProxy)" display-name suffix, and replace only those on a re-run.
 */
import { editJson, readJson, valueAt } from '../edit-json.js';
import { pathFlavour, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';

export const DROID_NAME_SUFFIX = ' (CLIProxy)';

const folder = (context: ClientContext) => pathFlavour(context).join(context.home, '.factory');
const settingsFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'settings.json');

const ours = (item: unknown) => stringAt(valueAt(item, ['displayName']))?.endsWith(DROID_NAME_SUFFIX) ?? false;

export const factoryDroid: FileClient = {
  kind: 'file',
  id: 'factory-droid',
  name: 'Factory Droid',
  summary: 'one customModels entry per served model in ~/.factory/settings.json',
  takesSmallModel: false,
  detectPaths: (context) => [folder(context)],
  files: (context) => [settingsFile(context)],
  edit(_context, filePath, text, target) {
    const model = servedModel(target, target.model);
    // The chosen model first, so it heads Droid's list of custom models.
    const ids = model ? [model, ...target.models.filter((id) => id !== model)] : [...target.models];
    const items = ids.map((id) => ({
      model: id,
      displayName: `${id}${DROID_NAME_SUFFIX}`,
      baseUrl: `${target.baseUrl}/v1`,
      apiKey: target.apiKey,
      provider: 'generic-chat-completion-api',
      maxOutputTokens: 32000,
    }));
    return editJson(filePath, text, [{ kind: 'replace-items', path: ['customModels'], owned: ours, items }]);
  },
  read(context, texts) {
    const file = settingsFile(context);
    const text = texts.get(file);
    if (text === undefined) return { secrets: [] };
    const list = valueAt(readJson(file, text), ['customModels']);
    const models = Array.isArray(list) ? list : [];
    const mine = models.find(ours);
    const first = mine ?? models[0];
    return {
      baseUrl: stringAt(valueAt(first, ['baseUrl'])),
      model: mine ? stringAt(valueAt(mine, ['model'])) : undefined,
      secrets: models.flatMap((item) => stringAt(valueAt(item, ['apiKey'])) ?? []),
    };
  },
};
