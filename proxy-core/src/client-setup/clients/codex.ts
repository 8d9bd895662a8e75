/**
 * Codex CLI reads `~/.codex/config.toml` (`$CODEX_HOME` moves it). Only a custom provider works against a
 * proxy (OPENAI_BASE_URL is ignored; wire_api "chat" is rejected): `[model_providers.cliproxy]` with base_url
 * (with /v1), wire_api = "responses" and the key as experimental_bearer_token (no environment variable or
 * auth.json needed), selected by the top-level `model_provider` (+ `model` when chosen).
 */
import { editToml, readToml, type TomlChange } from '../edit-toml.js';
import { pathFlavour, secretLookingValues, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';

export const CODEX_PROVIDER_ID = 'cliproxy';

function folder(context: ClientContext): string {
  return context.env.CODEX_HOME?.trim() || pathFlavour(context).join(context.home, '.codex');
}

const configFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'config.toml');

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export const codex: FileClient = {
  kind: 'file',
  id: 'codex',
  name: 'Codex CLI',
  summary: 'a [model_providers.cliproxy] provider and model_provider in ~/.codex/config.toml',
  takesSmallModel: false,
  detectPaths: (context) => [folder(context)],
  files: (context) => [configFile(context)],
  edit(_context, filePath, text, target) {
    const model = servedModel(target, target.model);
    const provider = ['model_providers', CODEX_PROVIDER_ID];
    const changes: TomlChange[] = [{ table: [], key: 'model_provider', value: CODEX_PROVIDER_ID }];
    if (model) changes.push({ table: [], key: 'model', value: model });
    changes.push(
      { table: provider, key: 'name', value: 'CLIProxy Desktop' },
      { table: provider, key: 'base_url', value: `${target.baseUrl}/v1` },
      { table: provider, key: 'wire_api', value: 'responses' },
      { table: provider, key: 'experimental_bearer_token', value: target.apiKey },
    );
    return editToml(filePath, text, changes);
  },
  read(context, texts) {
    const file = configFile(context);
    const text = texts.get(file);
    if (text === undefined) return { secrets: [] };
    const config = readToml(file, text);
    const providers = record(config.model_providers);
    // Keys of every provider, and headers that carry credentials (http_headers, env_http_headers values are names).
    const secrets = Object.values(providers).flatMap((provider) => [...secretLookingValues(provider), ...secretLookingValues(record(provider).http_headers)]);
    const selected = stringAt(config.model_provider);
    const baseUrl = selected ? stringAt(record(providers[selected]).base_url) : stringAt(config.openai_base_url);
    return { baseUrl, model: stringAt(config.model), secrets };
  },
};
