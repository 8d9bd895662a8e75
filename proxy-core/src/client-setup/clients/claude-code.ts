/**
 * Claude Code reads `env` from `~/.claude/settings.json` (`$CLAUDE_CONFIG_DIR` moves the folder):
 * ANTHROPIC_BASE_URL without /v1, ANTHROPIC_AUTH_TOKEN (sent as Bearer), optional ANTHROPIC_MODEL and
 * ANTHROPIC_SMALL_FAST_MODEL.
 */
import { editJson, readJson, valueAt, type JsonChange } from '../edit-json.js';
import { pathFlavour, secretLookingValues, servedModel, stringAt, type ClientContext, type FileClient } from '../client-definition.js';

function folder(context: ClientContext): string {
  return context.env.CLAUDE_CONFIG_DIR?.trim() || pathFlavour(context).join(context.home, '.claude');
}

const settingsFile = (context: ClientContext) => pathFlavour(context).join(folder(context), 'settings.json');

export const claudeCode: FileClient = {
  kind: 'file',
  id: 'claude-code',
  name: 'Claude Code',
  summary: 'env.ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN in ~/.claude/settings.json',
  takesSmallModel: true,
  detectPaths: (context) => [folder(context)],
  files: (context) => [settingsFile(context)],
  edit(_context, filePath, text, target) {
    const model = servedModel(target, target.model);
    const small = servedModel(target, target.smallModel, 'small fast model');
    const changes: JsonChange[] = [
      { kind: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: target.baseUrl },
      { kind: 'set', path: ['env', 'ANTHROPIC_AUTH_TOKEN'], value: target.apiKey },
    ];
    if (model) changes.push({ kind: 'set', path: ['env', 'ANTHROPIC_MODEL'], value: model });
    if (small) changes.push({ kind: 'set', path: ['env', 'ANTHROPIC_SMALL_FAST_MODEL'], value: small });
    return editJson(filePath, text, changes);
  },
  read(context, texts) {
    const file = settingsFile(context);
    const text = texts.get(file);
    if (text === undefined) return { secrets: [] };
    const settings = readJson(file, text);
    const secrets = secretLookingValues(valueAt(settings, ['env']));
    return { baseUrl: stringAt(valueAt(settings, ['env', 'ANTHROPIC_BASE_URL'])), model: stringAt(valueAt(settings, ['env', 'ANTHROPIC_MODEL'])), secrets };
  },
};
