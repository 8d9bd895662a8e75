/** The common config.yaml keys the Settings form edits (docs/configuration.md). */
export interface SettingField {
  key: string;
  label: string;
  help: string;
  kind: 'number' | 'boolean' | 'select' | 'text' | 'readonly';
  fallback: string | number | boolean;
  unit?: string;
  min?: number;
  max?: number;
  options?: Array<{ value: string; label: string }>;
}

/** `id` names the section in the settings catalogue (`section.<id>`); fields use `field.<key with . as _>`. */
export const SETTING_SECTIONS: Array<{ id: string; title: string; description: string; fields: SettingField[] }> = [
  {
    id: 'server',
    title: 'Server',
    description: 'Where the proxy listens. Changing these needs a restart, so edit them in config.yaml.',
    fields: [
      { key: 'host', label: 'Host', help: 'Listen address. 127.0.0.1 keeps the proxy private to this machine; use Network above to open it to the LAN.', kind: 'readonly', fallback: '127.0.0.1' },
      { key: 'port', label: 'Port', help: 'Listen port for every client API.', kind: 'readonly', fallback: 8317 },
    ],
  },
  {
    id: 'routing',
    title: 'Routing and retries',
    description: 'How a request picks an account, and what happens when one fails.',
    fields: [
      {
        key: 'routing.strategy',
        label: 'Routing strategy',
        help: 'Round-robin spreads requests over the accounts serving a model; fill-first uses one until it cools down.',
        kind: 'select',
        fallback: 'round-robin',
        options: [
          { value: 'round-robin', label: 'Round-robin' },
          { value: 'fill-first', label: 'Fill first' },
        ],
      },
      { key: 'request-retry', label: 'Request retries', help: 'Extra rounds over all accounts after every account failed once.', kind: 'number', fallback: 0, min: 0, max: 100 },
      { key: 'max-retry-interval', label: 'Longest wait for a retry', help: 'The longest cooldown worth waiting for before another round. 0 turns rounds off.', kind: 'number', fallback: 0, min: 0, unit: 'seconds' },
      { key: 'streaming.keepalive-seconds', label: 'Stream keep-alive', help: 'Send a keep-alive comment when a stream is silent this long, so clients do not time out. 0 = off.', kind: 'number', fallback: 15, min: 0, unit: 'seconds' },
      { key: 'proxy-url', label: 'Outbound proxy', help: 'Send all upstream traffic through this proxy (http://, https:// or socks5://). Leave empty for a direct connection.', kind: 'text', fallback: '' },
    ],
  },
  {
    id: 'timeouts',
    title: 'Timeouts and limits',
    description: 'How long the proxy waits for a silent upstream before trying the next account, and how much it holds. 0 = no limit.',
    fields: [
      { key: 'timeouts.upstream-first-byte-seconds', label: 'Wait for an answer to start', help: 'From sending a request to the upstream answering at all. Slow thinking models may need more.', kind: 'number', fallback: 300, min: 0, unit: 'seconds' },
      { key: 'timeouts.upstream-idle-seconds', label: 'Longest silence in an answer', help: 'Between two pieces of an answer. Before anything reached the client the next account is tried; after, the stream ends with an error.', kind: 'number', fallback: 300, min: 0, unit: 'seconds' },
      { key: 'timeouts.upstream-connect-seconds', label: 'Connect to an upstream', help: 'Reaching the upstream (or the outbound proxy).', kind: 'number', fallback: 30, min: 0, unit: 'seconds' },
      { key: 'upstream-body-limit-mb', label: 'Largest non-stream answer', help: 'Answers held in memory stop here with a clear error; streams are never held whole.', kind: 'number', fallback: 64, min: 1, max: 4096, unit: 'MiB' },
      { key: 'max-connections', label: 'Client connections', help: 'Open client connections at once; when full, the idlest are closed to make room.', kind: 'number', fallback: 256, min: 16, max: 100000 },
    ],
  },
  {
    id: 'logging',
    title: 'Logging and history',
    description: 'What the proxy records.',
    fields: [
      { key: 'debug', label: 'Debug logging', help: 'Adds detailed lines (request routing, thinking settings) to the log.', kind: 'boolean', fallback: false },
      { key: 'logging-to-file', label: 'Write logs to a file', help: 'Also write main.log (rotated at 10 MiB) in the data folder.', kind: 'boolean', fallback: false },
      {
        key: 'request-log',
        label: 'Request logs',
        help: 'Write every request (what the client sent, each upstream try and both answers, keys masked) to its own file, viewable from Requests. Off: only failed requests are kept.',
        kind: 'boolean',
        fallback: false,
      },
      { key: 'error-logs-max-files', label: 'Failed-request logs kept', help: 'While request logs are off, keep this many logs of failed requests. 0 = none.', kind: 'number', fallback: 10, min: 0, max: 10000 },
      { key: 'usage-retention-days', label: 'Keep usage history', help: 'Per-request usage older than this is deleted.', kind: 'number', fallback: 90, min: 1, max: 3650, unit: 'days' },
    ],
  },
];

export const EDITABLE_FIELDS = SETTING_SECTIONS.flatMap((section) => section.fields).filter((field) => field.kind !== 'readonly');

const STRATEGY_ALIASES: Record<string, string> = { rr: 'round-robin', ff: 'fill-first' };

/** The current value of a dotted key in the config object (or the documented default). */
export function readSetting(config: Record<string, unknown> | null | undefined, field: SettingField): string | number | boolean {
  let value: unknown = config;
  for (const segment of field.key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  if (value === undefined || value === null) return field.fallback;
  if (field.key === 'routing.strategy' && typeof value === 'string') return STRATEGY_ALIASES[value] ?? value;
  return value as string | number | boolean;
}

/** What is wrong with a value the user typed, in words; null when it is fine. */
export function validateSetting(field: SettingField, value: unknown): string | null {
  if (field.kind === 'number') {
    const text = String(value ?? '').trim();
    if (text === '') return `Enter a number${field.min !== undefined ? ` (${field.min} or more)` : ''}.`;
    const number = Number(text);
    if (!Number.isInteger(number)) return 'Enter a whole number.';
    if (field.min !== undefined && number < field.min) return `Must be ${field.min} or more.`;
    if (field.max !== undefined && number > field.max) return `Must be ${field.max} or less.`;
    return null;
  }
  if (field.key === 'proxy-url') {
    const text = String(value ?? '').trim();
    if (text === '') return null;
    if (!/^(https?|socks5h?):\/\/[^\s/]+/i.test(text)) return 'Use a URL starting with http://, https:// or socks5://, e.g. socks5://127.0.0.1:1080.';
    return null;
  }
  return null;
}

/** The value to send for a field (numbers as numbers, empty proxy-url as an empty string). */
export function toConfigValue(field: SettingField, value: unknown): unknown {
  if (field.kind === 'number') return Number(String(value).trim());
  if (field.kind === 'text') return String(value ?? '').trim();
  return value;
}
