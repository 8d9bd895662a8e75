// How each coding CLI is run against the proxy (shared/reference/real-clients.md §3). Every CLI but the
// Codex WebSocket run is pointed at the proxy only by `cliproxyctl setup <client> --model M` (`setup`); the
// environment left in `command` only switches off telemetry and trust prompts. Every CLI talks to a model
// served by a provider of ANOTHER dialect, so each run exercises translation; the fake upstream calls a tool
// on the first turn and echoes the tool result afterwards.

/**
 * @typedef {{ name: string, package: string, bin: string, model: string, dialects: string,
 *   setup?: string[],
 *   command(bin: string, url: string, key: string): { args: string[], env: Record<string, string> },
 *   judge?(run: { outcome: { code: number | null, output: string }, upstream: unknown[], ampRequests: Array<{ method: string, url: string, headers: Record<string, unknown> }>, ampKey: string }): { ok: boolean, note: string } }} ClientRun
 */

/** @type {ClientRun[]} */
export const CLIENT_RUNS = [
  {
    name: 'Claude Code',
    package: '@anthropic-ai/claude-code@2.1.330',
    bin: 'claude',
    model: 'fake-gemini',
    dialects: 'Claude Messages → Gemini',
    setup: ['claude-code', '--model', 'fake-gemini', '--small-model', 'fake-gemini'],
    command: (bin) => ({
      args: [bin, '-p', 'List the files here with the Bash tool, then tell me what it said.', '--allowedTools', 'Bash(echo:*)', '--output-format', 'json'],
      env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    }),
  },
  {
    name: 'Codex CLI',
    package: '@openai/codex',
    bin: 'codex',
    model: 'fake-claude',
    dialects: 'OpenAI Responses → Claude Messages',
    setup: ['codex', '--model', 'fake-claude'],
    command: (bin) => ({ args: [bin, 'exec', '--skip-git-repo-check', '--json', 'Run echo tool-ok and tell me what it printed.'], env: {} }),
  },
  {
    // The built-in provider with `openai_base_url` tries the Responses WebSocket first (real-clients §3.2).
    name: 'Codex CLI (WebSocket)',
    package: '@openai/codex',
    bin: 'codex',
    model: 'fake-gemini',
    dialects: 'OpenAI Responses over WebSocket → Gemini',
    // Deliberately not the setup's custom provider: this run covers the built-in provider's WebSocket path.
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
    setup: ['gemini-cli', '--model', 'fake-chat'],
    command: (bin) => ({ args: [bin, '-p', 'List the directory and tell me what you found.', '-o', 'json'], env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' } }),
  },
  {
    name: 'Qwen Code',
    package: '@qwen-code/qwen-code@0.24.4',
    bin: 'qwen',
    model: 'fake-claude',
    dialects: 'OpenAI Chat → Claude Messages',
    setup: ['qwen-code', '--model', 'fake-claude'],
    command: (bin) => ({ args: [bin, '-p', 'List the directory and tell me what you found.'], env: {} }),
  },
  {
    name: 'opencode',
    package: 'opencode-ai',
    bin: 'opencode',
    model: 'fake-gemini',
    dialects: 'OpenAI Chat (ai-sdk) → Gemini',
    setup: ['opencode', '--model', 'fake-gemini', '--small-model', 'fake-gemini'],
    command: (bin) => ({ args: [bin, 'run', 'List the directory and tell me what you found.'], env: { OPENCODE_DISABLE_MODELS_FETCH: '1' } }),
  },
  {
    // Amp talks to its own service before any model: the proxy passes those routes on (to a fake Amp here,
    // with the Amp key instead of the client key). The fake has no server-side thread actor, so Amp stops
    // after creating the thread; this run checks the path up to there.
    name: 'Amp (control plane)',
    package: '@sourcegraph/amp',
    bin: 'amp',
    model: '-',
    dialects: 'Amp API → passed on to (fake) Amp',
    setup: ['amp'],
    command: (bin) => ({ args: [bin, '-x', 'Say hi'], env: { AMP_SKIP_UPDATE_CHECK: '1' } }),
    judge: ({ ampRequests, ampKey }) => {
      const reached = ['/api/internal?getUserInfo', '/api/internal?loadPlugins', '/api/thread-actors'].filter((route) => ampRequests.some((request) => request.url === route));
      const keyed = ampRequests.length > 0 && ampRequests.every((request) => request.headers.authorization === `Bearer ${ampKey}`);
      return { ok: reached.length === 3 && keyed, note: `reached ${ampRequests.map((request) => request.url).filter((url, index, all) => all.indexOf(url) === index).join(', ') || 'nothing'}${keyed ? ' with the Amp key' : ''}` };
    },
  },
];
