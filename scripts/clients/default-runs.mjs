// The coding CLIs on their OWN default model: no --model flag, no model setting, exactly as a new user runs
// them. Each run is made twice by scripts/test-clients.mjs:
//   (a) "own vendor": a key of the CLI's own vendor, without a `models:` list, whose upstream lists the
//       default id live (the proxy learns it from the list call; family pass-through is off to prove that);
//   (b) "mapped": only accounts of OTHER vendors, reached through `model-mappings` rules.
// The ids below are what these CLI versions sent when run against a logging server (recorded in the
// issue 16 closing note); the upstream request is checked against them, so a new CLI release that
// changes its default shows up as a failing run naming the id it sent.
import path from 'node:path';

/**
 * Each CLI is pointed at the proxy only by `cliproxyctl setup <client>` WITHOUT --model (so no model is
 * written anywhere); `command` adds nothing that concerns the proxy or the model.
 * @typedef {{ name: string, bin: string, vendor: 'claude' | 'codex' | 'gemini' | 'qwen', setup: string[],
 *   command(bin: string, url: string, key: string): { args: string[], env: Record<string, string> } }} DefaultRun
 */

/** @type {DefaultRun[]} */
export const DEFAULT_RUNS = [
  {
    name: 'Claude Code',
    bin: 'claude',
    vendor: 'claude',
    setup: ['claude-code'],
    command: (bin) => ({
      args: [bin, '-p', 'List the files here with the Bash tool, then tell me what it said.', '--allowedTools', 'Bash(echo:*)', '--output-format', 'json'],
      env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    }),
  },
  {
    name: 'Codex CLI',
    bin: 'codex',
    vendor: 'codex',
    setup: ['codex'],
    command: (bin) => ({ args: [bin, 'exec', '--skip-git-repo-check', '--json', 'Run echo tool-ok and tell me what it printed.'], env: {} }),
  },
  {
    name: 'Gemini CLI',
    bin: 'gemini',
    vendor: 'gemini',
    setup: ['gemini-cli'],
    command: (bin) => ({ args: [bin, '-p', 'List the directory and tell me what you found.', '-o', 'json'], env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' } }),
  },
  {
    name: 'Qwen Code',
    bin: 'qwen',
    vendor: 'qwen',
    setup: ['qwen-code'],
    command: (bin) => ({ args: [bin, '-p', 'List the directory and tell me what you found.'], env: {} }),
  },
];

/** The default ids these CLI versions send (see the note above); the own-vendor upstreams list them live. */
export const LISTED_DEFAULTS = {
  claude: ['claude-opus-5-5', 'claude-sonnet-5', 'claude-haiku-4-5', 'claude-opus-4-8'],
  codex: ['gpt-6.2-sol', 'gpt-5.5', 'gpt-5.4-mini'],
  gemini: ['gemini-3.1-pro-preview', 'gemini-3.5-flash-lite', 'gemini-3.8-flash'],
  qwen: ['qwen3.7-max', 'qwen3-coder-plus'],
};

/**
 * config.yaml for run (a): one key per vendor, no `models:` lists, each on its own fake (so each list call
 * answers that vendor's ids only), pass-through off so only the live lists can serve the defaults.
 */
export function ownVendorConfig({ work, clientKey, fakes }) {
  return `host: 127.0.0.1
port: 0
auth-dir: ${JSON.stringify(path.join(work, 'auth-own'))}
api-keys: ["${clientKey}"]
model-passthrough: false
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fakes.claude.url}"
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${fakes.codex.url}/v1"
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fakes.gemini.url}"
openai-compatibility:
  - name: qwen
    base-url: "${fakes.qwen.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-qwen" }]
`;
}

/**
 * config.yaml for run (b): every vendor's ids mapped onto ANOTHER vendor's account (a ChatGPT-only user
 * running Claude Code, and so on). The keys have `models:` lists, so nothing reaches them but the mappings.
 */
export function mappedConfig({ work, clientKey, fakes }) {
  return `host: 127.0.0.1
port: 0
auth-dir: ${JSON.stringify(path.join(work, 'auth-mapped'))}
api-keys: ["${clientKey}"]
model-mappings:
  - from: "claude-*"
    to: "mapped-codex"
  - from: "^gpt-"
    regex: true
    to: "mapped-gemini"
  - from: "gemini-*"
    to: "mapped-claude"
  - from: "qwen*"
    to: "mapped-claude"
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${fakes.codex.url}/v1"
    models: [{ name: "mapped-codex", alias: "mapped-codex" }]
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fakes.gemini.url}"
    models: [{ name: "mapped-gemini", alias: "mapped-gemini" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fakes.claude.url}"
    models: [{ name: "mapped-claude", alias: "mapped-claude" }]
`;
}

/** Which fake a run's requests must reach, and with which model, for (a) and (b). */
export const MAPPED_TARGET = { claude: ['codex', 'mapped-codex'], codex: ['gemini', 'mapped-gemini'], gemini: ['claude', 'mapped-claude'], qwen: ['claude', 'mapped-claude'] };
