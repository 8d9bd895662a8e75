/**
 * Request bodies shaped like the real coding clients' (real-clients.md §3), generated deterministically:
 * Claude Code (~75 KB: cache_control system blocks, ~24 tools with deep JSON schemas, thinking, a long
 * tool-use history), Codex (~40 KB Responses request) and Gemini CLI (~30 KB generateContent request).
 */

function deepSchema(seed: number, depth: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    path: { type: 'string', description: `The absolute path of the file to operate on (tool ${seed}). Must not be relative.` },
    mode: { type: 'string', enum: ['read', 'write', 'append', 'replace'], default: 'read', description: 'How to open it.' },
    limit: { type: 'integer', minimum: 1, maximum: 2000, exclusiveMinimum: 0, description: 'How many lines to read.' },
    flags: { type: 'array', items: { type: 'string', pattern: '^[a-z-]+$', minLength: 1 }, uniqueItems: true, description: 'Extra flags.' },
    target: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }], description: 'Optional target.' },
  };
  if (depth > 0) {
    properties.options = deepSchema(seed * 7 + depth, depth - 1);
    properties.edits = {
      type: 'array',
      description: 'Edits applied in order.',
      items: { ...deepSchema(seed * 13 + depth, depth - 1), additionalProperties: false },
      minItems: 1,
    };
  }
  return { type: 'object', properties, required: ['path'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' };
}

const TOOL_NAMES = [
  'Task', 'Bash', 'Glob', 'Grep', 'ExitPlanMode', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite',
  'WebSearch', 'BashOutput', 'KillShell', 'SlashCommand', 'mcp__ide__getDiagnostics', 'mcp__ide__executeCode',
  'mcp__github__create_issue', 'mcp__github__search_code', 'mcp__context7__resolve-library-id', 'mcp__context7__get-library-docs',
  'mcp__playwright__browser_navigate', 'mcp__playwright__browser_click',
];

const prose = (words: number, seed: number) => {
  const vocab = ['the', 'file', 'function', 'returns', 'value', 'tests', 'build', 'module', 'error', 'config', 'request', 'handler', 'type', 'call'];
  let text = '';
  for (let index = 0; index < words; index += 1) text += `${vocab[(index * 7 + seed) % vocab.length]} `;
  return text.trim();
};

const code = (lines: number, seed: number) =>
  Array.from({ length: lines }, (_, index) => `${String(index + 1).padStart(6)}→export function f${seed}_${index}(x: number) { return x * ${index}; }`).join('\n');

export function claudeCodeBody(model = 'claude-sonnet-4-5', turns = 24): Record<string, unknown> {
  const tools = TOOL_NAMES.map((name, index) => ({ name, description: prose(60 + (index % 5) * 20, index), input_schema: deepSchema(index, index % 12 === 0 ? 2 : index % 3 === 0 ? 1 : 0) }));
  const messages: unknown[] = [{ role: 'user', content: [{ type: 'text', text: '<system-reminder>' + prose(200, 1) + '</system-reminder>' }, { type: 'text', text: 'Fix the failing tests in the proxy.' }] }];
  for (let turn = 0; turn < turns; turn += 1) {
    const id = `toolu_01${String(turn).padStart(20, 'A')}`;
    messages.push({
      role: 'assistant',
      content: [
        ...(turn % 4 === 0 ? [{ type: 'thinking', thinking: prose(60, turn), signature: 'EqMBCkYIBxgCKkB' + 'x'.repeat(120) }] : []),
        { type: 'text', text: prose(25, turn) },
        { type: 'tool_use', id, name: TOOL_NAMES[turn % TOOL_NAMES.length], input: { path: `/repo/src/module-${turn}.ts`, limit: 200 } },
      ],
    });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: id, content: [{ type: 'text', text: code(10, turn) }], ...(turn === turns - 1 ? { cache_control: { type: 'ephemeral' } } : {}) }],
    });
  }
  return {
    model,
    max_tokens: 32000,
    stream: true,
    thinking: { type: 'enabled', budget_tokens: 10000 },
    metadata: { user_id: 'user_' + 'a'.repeat(64) + '_account__session_0b1c2d3e' },
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
      { type: 'text', text: prose(1500, 3), cache_control: { type: 'ephemeral' } },
    ],
    tools,
    messages,
  };
}

export function codexBody(model = 'gpt-5-codex', turns = 14): Record<string, unknown> {
  const tools = ['shell', 'apply_patch', 'update_plan', 'view_image', 'read_file', 'list_dir', 'grep_files'].map((name, index) => ({
    type: 'function',
    name,
    description: prose(80, index),
    strict: false,
    parameters: deepSchema(index + 40, 1),
  }));
  const input: unknown[] = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>' + prose(120, 2) + '</environment_context>' }] }];
  for (let turn = 0; turn < turns; turn += 1) {
    const callId = `call_${String(turn).padStart(24, 'x')}`;
    input.push({ type: 'reasoning', summary: [{ type: 'summary_text', text: prose(30, turn) }], encrypted_content: 'gAAAAA' + 'b'.repeat(200) });
    input.push({ type: 'function_call', name: 'shell', call_id: callId, arguments: JSON.stringify({ command: ['bash', '-lc', `rg -n f${turn} src`], timeout_ms: 10000 }) });
    input.push({ type: 'function_call_output', call_id: callId, output: JSON.stringify({ output: code(10, turn), metadata: { exit_code: 0, duration_seconds: 0.1 } }) });
  }
  input.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Now run the tests.' }] });
  return {
    model,
    instructions: prose(1000, 5),
    input,
    tools,
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
  };
}

export function geminiCliBody(turns = 6): Record<string, unknown> {
  const functionDeclarations = ['list_directory', 'read_file', 'search_file_content', 'glob', 'replace', 'write_file', 'web_fetch', 'read_many_files', 'run_shell_command', 'save_memory', 'google_web_search', 'write_todos'].map((name, index) => ({
    name,
    description: prose(70, index),
    parametersJsonSchema: deepSchema(index + 80, index % 2),
  }));
  const contents: unknown[] = [{ role: 'user', parts: [{ text: 'This is the Gemini CLI. ' + prose(150, 9) }] }];
  for (let turn = 0; turn < turns; turn += 1) {
    contents.push({ role: 'model', parts: [{ text: prose(20, turn), thought: true }, { functionCall: { name: 'read_file', args: { absolute_path: `/repo/src/m${turn}.ts` } }, thoughtSignature: 'CiQB' + 'c'.repeat(80) }] });
    contents.push({ role: 'user', parts: [{ functionResponse: { name: 'read_file', response: { output: code(10, turn) } } }] });
  }
  return {
    contents,
    systemInstruction: { role: 'user', parts: [{ text: prose(600, 4) }] },
    tools: [{ functionDeclarations }],
    generationConfig: { temperature: 0, topP: 1, thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 } },
  };
}
