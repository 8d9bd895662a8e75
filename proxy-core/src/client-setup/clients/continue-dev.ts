/**
 * Continue (VS Code / JetBrains) reads `~/.continue/config.yaml`: one `provider: openai` model per served id
 * with `apiBase` and `apiKey`, recognisable by the " (CLIProxy)" name suffix, replaced only those on a re-run.
 * A user still on the older `config.json` is refused: a new config.yaml would silently replace it.
 */
import { editYaml, readYaml } from '../edit-yaml.js';
import { valueAt } from '../edit-json.js';
import { pathFlavour, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';
import { UnreadableFileError } from '../unreadable-file-error.js';

export const CONTINUE_NAME_SUFFIX = ' (CLIProxy)';

const folder = (context: ClientContext) => pathFlavour(context).join(context.home, '.continue');
const yamlFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'config.yaml');
const jsonFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'config.json');

const ours = (item: unknown) => stringAt(valueAt(item, ['name']))?.endsWith(CONTINUE_NAME_SUFFIX) ?? false;

export const continueDev: FileClient = {
  kind: 'file',
  id: 'continue',
  name: 'Continue',
  summary: 'one provider: openai model per served model in ~/.continue/config.yaml',
  takesSmallModel: false,
  detectPaths: (context) => [folder(context)],
  files: (context) => [yamlFile(context), jsonFile(context)],
  edit(context, filePath, text, target, texts) {
    if (filePath === jsonFile(context)) return text;
    if (text.trim() === '' && texts?.get(jsonFile(context)) !== undefined) {
      throw new UnreadableFileError(jsonFile(context), 1, 1, 'Continue reads this config.json, and a new config.yaml would replace it; convert it to config.yaml in Continue (or add the values by hand) first');
    }
    const model = servedModel(target, target.model);
    const ids = model ? [model, ...target.models.filter((id) => id !== model)] : [...target.models];
    const items = ids.map((id) => ({ name: `${id}${CONTINUE_NAME_SUFFIX}`, provider: 'openai', model: id, apiBase: `${target.baseUrl}/v1`, apiKey: target.apiKey, roles: ['chat', 'edit', 'apply'] }));
    const header = text.trim() === '' ? [{ path: ['name'], value: 'Local Config' }, { path: ['version'], value: '0.0.1' }, { path: ['schema'], value: 'v1' }] : [];
    return editYaml(filePath, text, [...header, { kind: 'replace-items', path: ['models'], owned: ours, items }]);
  },
  read(context, texts) {
    const text = texts.get(yamlFile(context));
    if (text === undefined) return { secrets: [] };
    const list = valueAt(readYaml(yamlFile(context), text), ['models']);
    const models = Array.isArray(list) ? list : [];
    const mine = models.find(ours);
    const first = mine ?? models.find((item) => stringAt(valueAt(item, ['apiBase'])));
    return {
      baseUrl: stringAt(valueAt(first, ['apiBase'])),
      model: mine ? stringAt(valueAt(mine, ['model'])) : undefined,
      secrets: models.flatMap((item) => stringAt(valueAt(item, ['apiKey'])) ?? []),
    };
  },
};
