/** Human names for provider ids and config list keys. */
const NAMES: Record<string, string> = {
  claude: 'Claude',
  'claude-api-key': 'Claude',
  gemini: 'Gemini',
  'gemini-api-key': 'Gemini',
  'gemini-cli': 'Gemini CLI',
  codex: 'OpenAI',
  'codex-api-key': 'OpenAI',
  xai: 'xAI',
  'xai-api-key': 'xAI',
  vertex: 'Vertex AI',
  'vertex-api-key': 'Vertex AI',
  'openai-compatible': 'OpenAI-compatible',
  'openai-compatible-responses': 'OpenAI-compatible',
  'openai-compatibility': 'OpenAI-compatible',
  antigravity: 'Antigravity',
  qwen: 'Qwen',
  iflow: 'iFlow',
  kiro: 'Kiro',
  copilot: 'GitHub Copilot',
  'github-copilot': 'GitHub Copilot',
  kimi: 'Kimi',
  aistudio: 'AI Studio',
};

const SUBSCRIPTION_NAMES: Record<string, string> = { claude: 'Claude Code', codex: 'Codex', gemini: 'Gemini CLI' };

/** `kind: 'oauth'` names the subscription login (Claude Code, Codex) rather than the API. */
export function providerName(id: string, kind?: string): string {
  if (kind === 'oauth' && SUBSCRIPTION_NAMES[id]) return SUBSCRIPTION_NAMES[id];
  return NAMES[id] ?? id;
}
