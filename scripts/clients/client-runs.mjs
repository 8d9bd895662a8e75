// How each coding CLI is pointed at the proxy (commands and settings from shared/reference/real-clients.md
// §3). Every CLI talks to a model served by a provider of ANOTHER dialect, so each run exercises
// translation; the fake upstream calls a tool on the first turn and echoes the tool result afterwards.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ name: string, package: string, bin: string, model: string, dialects: string,
 *   prepare(home: string, url: string, key: string): void,
 *   command(bin: string, url: string, key: string): { args: string[], env: Record<string, string> } }} ClientRun
 */

/** @type {ClientRun[]} */
export const CLIENT_RUNS = [
  {
    name: 'Claude Code',
    package: '@anthropic-ai/claude-code@2.1.330',
    bin: 'claude',
    model: 'fake-gemini',
    dialects: 'Claude Messages → Gemini',
    prepare: () => undefined,
    command: (bin, url, key) => ({
      args: [bin, '-p', 'List the files here with the Bash tool, then tell me what it said.', '--model', 'fake-gemini', '--allowedTools', 'Bash(echo:*)', '--output-format', 'json'],
      env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: key, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    }),
  },
  {
    name: 'Codex CLI',
    package: '@openai/codex',
    bin: 'codex',
    model: 'fake-claude',
    dialects: 'OpenAI Responses → Claude Messages',
    prepare: () => undefined,
    command: (bin, url, key) => ({
      args: [
        bin, 'exec', '--skip-git-repo-check', '--json', '-m', 'fake-claude', '-c', 'model_provider=proxy',
        '-c', `model_providers.proxy={name="Proxy",base_url="${url}/v1",env_key="PROXY_API_KEY",wire_api="responses"}`,
        'Run echo tool-ok and tell me what it printed.',
      ],
      env: { PROXY_API_KEY: key },
    }),
  },
  {
    // The built-in provider with `openai_base_url` tries the Responses WebSocket first (real-clients §3.2).
    name: 'Codex CLI (WebSocket)',
    package: '@openai/codex',
    bin: 'codex',
    model: 'fake-gemini',
    dialects: 'OpenAI Responses over WebSocket → Gemini',
    prepare: () => undefined,
    command: (bin, url, key) => ({
      args: [bin, 'exec', '--skip-git-repo-check', '--json', '-m', 'fake-gemini', '-c', `openai_base_url="${url}/v1"`, 'Run echo tool-ok and tell me what it printed.'],
      env: { OPENAI_API_KEY: key, CODEX_API_KEY: key },
    }),
  },
  {
    name: 'Gemini CLI',
    package: '@google/gemini-cli',
    bin: 'gemini',
    model: 'fake-chat',
    dialects: 'Gemini → OpenAI Chat',
    prepare: (home) => {
      mkdirSync(path.join(home, '.gemini'), { recursive: true });
      writeFileSync(path.join(home, '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }));
    },
    command: (bin, url, key) => ({
      args: [bin, '-m', 'fake-chat', '-p', 'List the directory and tell me what you found.', '-o', 'json'],
      env: { GEMINI_CLI_TRUST_WORKSPACE: 'true', GEMINI_API_KEY: key, GOOGLE_GEMINI_BASE_URL: url },
    }),
  },
  {
    name: 'Qwen Code',
    package: '@qwen-code/qwen-code@0.24.4',
    bin: 'qwen',
    model: 'fake-claude',
    dialects: 'OpenAI Chat → Claude Messages',
    prepare: () => undefined,
    command: (bin, url, key) => ({
      args: [bin, '-p', 'List the directory and tell me what you found.'],
      env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: `${url}/v1`, OPENAI_MODEL: 'fake-claude' },
    }),
  },
  {
    name: 'opencode',
    package: 'opencode-ai',
    bin: 'opencode',
    model: 'fake-gemini',
    dialects: 'OpenAI Chat (ai-sdk) → Gemini',
    prepare: (home, url, key) => {
      const dir = path.join(home, '.config', 'opencode');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'opencode.json'),
        JSON.stringify({
          provider: { proxy: { npm: '@ai-sdk/openai-compatible', name: 'Proxy', options: { baseURL: `${url}/v1`, apiKey: key }, models: { 'fake-gemini': { name: 'fake-gemini' } } } },
          model: 'proxy/fake-gemini',
          small_model: 'proxy/fake-gemini',
        }),
      );
    },
    command: (bin) => ({ args: [bin, 'run', 'List the directory and tell me what you found.'], env: { OPENCODE_DISABLE_MODELS_FETCH: '1' } }),
  },
];
