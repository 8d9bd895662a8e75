import type { ClientDefinition } from '../client-definition.js';
import { amp } from './amp.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { factoryDroid } from './factory-droid.js';
import { geminiCli } from './gemini-cli.js';
import { continueDev } from './continue-dev.js';
import { cherryStudio, cline, kiloCode, rooCode } from './guided.js';
import { opencode } from './opencode.js';
import { qwenCode } from './qwen-code.js';

/** Every client the setup knows, in the order they are listed (detected ones are moved first). */
export const CLIENTS: readonly ClientDefinition[] = [claudeCode, codex, geminiCli, qwenCode, opencode, factoryDroid, amp, continueDev, cline, rooCode, kiloCode, cherryStudio];

export { cherryStudioLink } from './guided.js';
export { amp, claudeCode, codex, continueDev, factoryDroid, geminiCli, opencode, qwenCode };
