/**
 * OpenAI-compatible vendors offered as one-click templates (pick a vendor, paste a key). Pure data with no
 * imports: the dashboard reads it through the management contract, the config loader through `config/`.
 *
 * `configKey` is the top-level config.yaml list cliproxyapi-plusplus reads for that vendor (its generated
 * provider shortcuts, pkg/llmproxy/config/provider_registry_generated.go); entries there are read as
 * `openai-compatibility` entries named after the key. Vendors without such a key are written by the dashboard
 * as an ordinary `openai-compatibility` entry. Base URLs for the fork's keys are the fork's defaults.
 */
export interface OpenAiCompatiblePreset {
  /** Entry name (and, where the fork has one, its config key). */
  id: string;
  displayName: string;
  baseUrl: string;
  /** Where the user creates a key. */
  keysUrl: string;
  /** True when cliproxyapi-plusplus reads a top-level list under `id` (e.g. `deepseek:`). */
  configKey: boolean;
  /** What the vendor's keys look like, as a placeholder. */
  keyPlaceholder?: string;
}

export const OPENAI_COMPATIBLE_PRESETS: readonly OpenAiCompatiblePreset[] = [
  { id: 'openrouter', displayName: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', keysUrl: 'https://openrouter.ai/settings/keys', configKey: true, keyPlaceholder: 'sk-or-v1-…' },
  { id: 'deepseek', displayName: 'DeepSeek', baseUrl: 'https://api.deepseek.com', keysUrl: 'https://platform.deepseek.com/api_keys', configKey: true, keyPlaceholder: 'sk-…' },
  { id: 'groq', displayName: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', keysUrl: 'https://console.groq.com/keys', configKey: true, keyPlaceholder: 'gsk_…' },
  { id: 'mistral', displayName: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', keysUrl: 'https://console.mistral.ai/api-keys', configKey: true },
  { id: 'together', displayName: 'Together AI', baseUrl: 'https://api.together.xyz/v1', keysUrl: 'https://api.together.ai/settings/api-keys', configKey: true },
  { id: 'fireworks', displayName: 'Fireworks AI', baseUrl: 'https://api.fireworks.ai/inference/v1', keysUrl: 'https://fireworks.ai/account/api-keys', configKey: true, keyPlaceholder: 'fw_…' },
  { id: 'siliconflow', displayName: 'SiliconFlow', baseUrl: 'https://api.siliconflow.cn/v1', keysUrl: 'https://cloud.siliconflow.cn/account/ak', configKey: true, keyPlaceholder: 'sk-…' },
  { id: 'novita', displayName: 'Novita AI', baseUrl: 'https://api.novita.ai/v1', keysUrl: 'https://novita.ai/settings/key-management', configKey: true },
  { id: 'minimax', displayName: 'MiniMax', baseUrl: 'https://api.minimax.chat/v1', keysUrl: 'https://platform.minimax.io/user-center/basic-information/interface-key', configKey: true },
  { id: 'roo', displayName: 'Roo Code Cloud', baseUrl: 'https://api.roocode.com/v1', keysUrl: 'https://app.roocode.com', configKey: true },
  { id: 'kilo', displayName: 'Kilo Code', baseUrl: 'https://api.kilo.ai/v1', keysUrl: 'https://app.kilo.ai', configKey: true },
  { id: 'moonshot', displayName: 'Moonshot (Kimi API)', baseUrl: 'https://api.moonshot.ai/v1', keysUrl: 'https://platform.moonshot.ai/console/api-keys', configKey: false, keyPlaceholder: 'sk-…' },
  { id: 'zhipu', displayName: 'Zhipu GLM (Z.ai)', baseUrl: 'https://api.z.ai/api/paas/v4', keysUrl: 'https://z.ai/manage-apikey/apikey-list', configKey: false },
  { id: 'nvidia-nim', displayName: 'NVIDIA NIM', baseUrl: 'https://integrate.api.nvidia.com/v1', keysUrl: 'https://build.nvidia.com', configKey: false, keyPlaceholder: 'nvapi-…' },
];

/** The config.yaml keys cliproxyapi-plusplus reads as OpenAI-compatible shortcuts. */
export const PRESET_CONFIG_KEYS: readonly string[] = OPENAI_COMPATIBLE_PRESETS.filter((preset) => preset.configKey).map((preset) => preset.id);
