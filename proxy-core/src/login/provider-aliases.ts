/**
 * Provider names people type (`claude-code`, `gemini`, `roo-code`, `droid-cli`…) → one canonical id. Ids the
 * app knows about but cannot log in to carry a hint saying what to use instead.
 */
const ALIASES: Record<string, readonly string[]> = {
  claude: ['claude', 'claude-code', 'claudecode', 'claude-ai', 'anthropic'],
  codex: ['codex', 'codex-cli', 'openai', 'openai-codex', 'chatgpt'],
  'gemini-cli': ['gemini-cli', 'gemini', 'geminicli', 'google', 'gemini-code-assist', 'code-assist', 'droid-cli', 'droid'],
  antigravity: ['antigravity', 'google-antigravity', 'agy'],
  roo: ['roo', 'roocode', 'roo-code', 'roo-cline'],
  qwen: ['qwen', 'qwen-code', 'qwencode'],
  iflow: ['iflow', 'i-flow'],
  kiro: ['kiro', 'codewhisperer', 'amazonq', 'amazon-q', 'aws'],
  'github-copilot': ['github-copilot', 'copilot', 'github', 'gh-copilot', 'githubcopilot'],
  kimi: ['kimi', 'moonshot', 'kimi-code'],
  xai: ['xai', 'grok', 'x-ai'],
};

/** What to tell someone who asks for a provider this build cannot log in to. */
const NOT_HERE: Record<string, string> = {
  roo: 'Roo Code is a client, not a login: point Roo Code at the proxy (base URL http://127.0.0.1:8317/v1 and your client key), or add a Roo Code API key under openai-compatibility with base-url https://api.roocode.com/v1.',
};

const LOOKUP = new Map<string, string>(Object.entries(ALIASES).flatMap(([id, names]) => names.map((name) => [name, id] as [string, string])));

export interface NormalizedProvider {
  /** Canonical id, or the input lower-cased when it is unknown. */
  id: string;
  known: boolean;
  /** Set for known providers this build cannot log in to. */
  unsupportedHint?: string;
}

export function normalizeProvider(name: string): NormalizedProvider {
  const key = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const id = LOOKUP.get(key);
  if (!id) return { id: key, known: false };
  return { id, known: true, unsupportedHint: NOT_HERE[id] };
}
