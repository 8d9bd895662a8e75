import { OPENAI_COMPATIBLE_PRESETS, type OpenAiCompatiblePreset, type ProviderListKey } from '../../api/index.js';

export type KeyProviderId = 'claude' | 'gemini' | 'codex' | 'xai' | 'vertex' | 'openai-compatible';

export interface KeyField {
  name: string;
  label: string;
  placeholder?: string;
  help?: string;
  required?: boolean;
  secret?: boolean;
  multiline?: boolean;
  initial?: string;
  /** A choice instead of free text. */
  options?: Array<{ value: string; label: string }>;
}

export interface KeyProvider {
  id: KeyProviderId;
  label: string;
  list: ProviderListKey;
  description: string;
  fields: KeyField[];
}

const PREFIX_FIELD: KeyField = {
  name: 'prefix',
  label: 'Model prefix',
  placeholder: 'team-a',
  help: 'Also list this key’s models as prefix/model, to pick this key explicitly.',
};

/** The "paste an API key" forms; each writes one entry of a provider list in config.yaml. */
export const KEY_PROVIDERS: KeyProvider[] = [
  {
    id: 'claude',
    label: 'Claude',
    list: 'claude-api-key',
    description: 'An Anthropic API key (console.anthropic.com).',
    fields: [
      { name: 'api-key', label: 'API key', placeholder: 'sk-ant-…', required: true, secret: true },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://api.anthropic.com', help: 'Only for a relay or gateway; leave empty for Anthropic.' },
      PREFIX_FIELD,
    ],
  },
  {
    id: 'gemini',
    label: 'Gemini',
    list: 'gemini-api-key',
    description: 'A Google AI Studio key.',
    fields: [
      { name: 'api-key', label: 'API key', placeholder: 'AIza…', required: true, secret: true },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://generativelanguage.googleapis.com', help: 'Only for a relay or gateway; leave empty for Google.' },
      PREFIX_FIELD,
    ],
  },
  {
    id: 'codex',
    label: 'OpenAI',
    list: 'codex-api-key',
    description: 'An OpenAI API key (platform.openai.com), used for GPT and Codex models.',
    fields: [
      { name: 'api-key', label: 'API key', placeholder: 'sk-…', required: true, secret: true },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://api.openai.com/v1', required: true, initial: 'https://api.openai.com/v1' },
      PREFIX_FIELD,
    ],
  },
  {
    id: 'xai',
    label: 'xAI',
    list: 'xai-api-key',
    description: 'An xAI API key (console.x.ai), used for Grok models; the models come from xAI’s own list.',
    fields: [
      { name: 'api-key', label: 'API key', placeholder: 'xai-…', required: true, secret: true },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://api.x.ai/v1', required: true, initial: 'https://api.x.ai/v1' },
      PREFIX_FIELD,
    ],
  },
  {
    id: 'vertex',
    label: 'Vertex AI',
    list: 'vertex-api-key',
    description: 'A Vertex AI API key (Google Cloud console → Vertex AI), used for Gemini models. For a service account, run cliproxyctl import <key.json>.',
    fields: [
      { name: 'api-key', label: 'API key', placeholder: 'AQ.…', required: true, secret: true },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://aiplatform.googleapis.com', help: 'Only for a gateway; leave empty for Google.' },
      PREFIX_FIELD,
    ],
  },
  {
    id: 'openai-compatible',
    label: 'OpenAI-compatible',
    list: 'openai-compatibility',
    description: 'Any server that speaks the OpenAI API: pick a vendor such as DeepSeek, Groq or OpenRouter, or type the address of a local model server or a company gateway.',
    fields: [
      { name: 'name', label: 'Name', placeholder: 'openrouter', required: true, help: 'Labels the provider in lists and logs.' },
      { name: 'base-url', label: 'Base URL', placeholder: 'https://openrouter.ai/api/v1', required: true },
      { name: 'api-key', label: 'API key', placeholder: 'sk-or-…', required: true, secret: true, help: 'If the server needs no key, type any text.' },
      {
        name: 'models',
        label: 'Models',
        placeholder: 'Leave empty to use every model the server lists',
        multiline: true,
        help: 'Empty: the models are fetched from the server’s /models list and kept up to date. Or one per line; write upstream-name=alias to show it under a shorter name.',
      },
      {
        name: 'wire-api',
        label: 'API',
        initial: 'chat',
        options: [
          { value: 'chat', label: 'Chat Completions (most servers)' },
          { value: 'responses', label: 'Responses API' },
        ],
        help: 'Which OpenAI API the server is called with; pick Responses only if the vendor serves /responses.',
      },
    ],
  },
];

/** A validation problem: `key` names the message, `values` fill it in. */
export type KeyFormMessage = (key: 'required' | 'url' | 'prefix' | 'name' | 'nameTaken' | 'models', values: { field?: string; fieldName?: string; name?: string }) => string;

const ENGLISH: KeyFormMessage = (key, values) =>
  ({
    required: `${values.field} is required.`,
    url: 'Use a full URL starting with http:// or https://.',
    prefix: 'Use letters, digits, dots, dashes or underscores only (no slashes).',
    name: 'Use letters, digits, dots, dashes or underscores only.',
    nameTaken: `A provider named "${values.name}" exists already; choose another name.`,
    models: 'List at least one model.',
  })[key];

/** Problems per field, in words (English unless `message` says them otherwise); an empty object means the form can be sent. */
export function validateKeyForm(provider: KeyProvider, values: Record<string, string>, existingNames: string[] = [], message: KeyFormMessage = ENGLISH): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of provider.fields) {
    const value = (values[field.name] ?? '').trim();
    if (field.required && !value) errors[field.name] = message('required', { field: field.label, fieldName: field.name });
  }
  const baseUrl = (values['base-url'] ?? '').trim();
  if (baseUrl && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) errors['base-url'] = message('url', {});
  const prefix = (values.prefix ?? '').trim();
  if (prefix && !/^[\w.-]+$/.test(prefix)) errors.prefix = message('prefix', {});
  const name = (values.name ?? '').trim();
  if (provider.id === 'openai-compatible' && name) {
    if (!/^[\w.-]+$/.test(name)) errors.name = message('name', {});
    else if (existingNames.includes(name)) errors.name = message('nameTaken', { name });
  }
  if (provider.id === 'openai-compatible' && values.models?.trim() && parseModels(values.models).length === 0) errors.models = message('models', {});
  return errors;
}

/** `name=alias` lines → `[{name, alias}]`. */
export function parseModels(text: string): Array<{ name: string; alias?: string }> {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, alias] = line.split('=').map((part) => part.trim());
      return alias ? { name, alias } : { name, alias: name };
    });
}

/** The config.yaml entry the form describes (empty optional fields left out). */
export function buildKeyEntry(provider: KeyProvider, values: Record<string, string>): Record<string, unknown> {
  const value = (name: string) => (values[name] ?? '').trim();
  if (provider.id === 'openai-compatible') {
    const models = parseModels(values.models ?? '');
    return {
      name: value('name'),
      'base-url': value('base-url'),
      'api-key-entries': [{ 'api-key': value('api-key') }],
      ...(models.length > 0 ? { models } : {}),
      ...(value('wire-api') === 'responses' ? { 'wire-api': 'responses' } : {}),
    };
  }
  const entry: Record<string, unknown> = { 'api-key': value('api-key') };
  if (value('base-url')) entry['base-url'] = value('base-url');
  if (value('prefix')) entry.prefix = value('prefix');
  return entry;
}

/** The one-click vendors offered by the OpenAI-compatible form. */
export const VENDOR_PRESETS: readonly OpenAiCompatiblePreset[] = OPENAI_COMPATIBLE_PRESETS;

/**
 * The form values a vendor template fills in: its name (made unique: a second DeepSeek key becomes
 * `deepseek-2`) and base URL; the key and models stay as typed.
 */
export function applyPreset(preset: OpenAiCompatiblePreset, values: Record<string, string>, existingNames: string[]): Record<string, string> {
  let name = preset.id;
  for (let suffix = 2; existingNames.includes(name); suffix += 1) name = `${preset.id}-${suffix}`;
  return { ...values, name, 'base-url': preset.baseUrl };
}
