/**
 * opencode reads `$XDG_CONFIG_HOME/opencode/opencode.json` (default `~/.config`, on every platform): a
 * `provider.cliproxy` entry on the OpenAI-compatible adapter listing every served model, and `model` /
 * `small_model` as `cliproxy/<id>` when chosen (its title call otherwise asks for a model we may not serve).
 */
import { editJson, readJson, valueAt, type JsonChange } from '../edit-json.js';
import { pathFlavour, servedModel, stringAt, xdgConfigHome, type ClientContext, type FileClient } from '../client-definition.js';

export const OPENCODE_PROVIDER_ID = 'cliproxy';

const folder = (context: ClientContext) => pathFlavour(context).join(xdgConfigHome(context), 'opencode');
const configFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'opencode.json');

export const opencode: FileClient = {
  kind: 'file',
  id: 'opencode',
  name: 'opencode',
  summary: 'a provider.cliproxy entry with the served models in ~/.config/opencode/opencode.json',
  takesSmallModel: true,
  detectPaths: (context) => [folder(context)],
  files: (context) => [configFile(context)],
  edit(_context, filePath, text, target) {
    const model = servedModel(target, target.model);
    const small = servedModel(target, target.smallModel, 'small model');
    const changes: JsonChange[] = [
      {
        kind: 'set',
        path: ['provider', OPENCODE_PROVIDER_ID],
        value: {
          npm: '@ai-sdk/openai-compatible',
          name: 'CLIProxy Desktop',
          options: { baseURL: `${target.baseUrl}/v1`, apiKey: target.apiKey },
          models: Object.fromEntries(target.models.map((id) => [id, { name: id }])),
        },
      },
    ];
    if (model) changes.push({ kind: 'set', path: ['model'], value: `${OPENCODE_PROVIDER_ID}/${model}` });
    if (small) changes.push({ kind: 'set', path: ['small_model'], value: `${OPENCODE_PROVIDER_ID}/${small}` });
    return editJson(filePath, text, changes);
  },
  read(context, texts) {
    const file = configFile(context);
    const text = texts.get(file);
    if (text === undefined) return { secrets: [] };
    const config = readJson(file, text);
    const providers = valueAt(config, ['provider']);
    const secrets = providers && typeof providers === 'object' ? Object.values(providers).flatMap((provider) => stringAt(valueAt(provider, ['options', 'apiKey'])) ?? []) : [];
    const model = stringAt(valueAt(config, ['model']));
    const providerId = model?.split('/')[0] ?? OPENCODE_PROVIDER_ID;
    return { baseUrl: stringAt(valueAt(config, ['provider', providerId, 'options', 'baseURL'])), model: model?.slice(providerId.length + 1), secrets };
  },
};
