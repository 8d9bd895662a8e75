import type { UnservedModel } from '../observability/usage-store.js';
import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

const DAY_MS = 86_400_000;

/**
 * Ids clients asked for in the last 24 h that got 404 `model_not_found` and that still no enabled account serves
 * (an id a live list or a new account serves since then is no longer a problem). Empty outside the proxy.
 */
export function unservedNow(context: DiagnosticsContext): UnservedModel[] {
  const proxy = context.proxy;
  if (!proxy?.usage.unserved) return [];
  const registry = proxy.runtime.current().registry;
  return proxy.usage.unserved(context.now() - DAY_MS).filter((row) => (registry.bindings(row.model) ?? []).length === 0);
}

/** What to do for one id: the vendor whose login or key serves that family. */
export function vendorHint(model: string): string {
  const id = model.toLowerCase().split('/').at(-1) ?? model;
  if (id.startsWith('claude-')) return 'log in with Claude Code or add a claude-api-key';
  if (/^(gpt-|o\d|codex-)/.test(id)) return 'log in with Codex (ChatGPT) or add a codex-api-key';
  if (id.startsWith('gemini-')) return 'log in with Gemini CLI or Antigravity, or add a gemini-api-key';
  return 'add an openai-compatibility entry whose upstream serves it';
}

/** "claude-opus-4-8 (3×)" for the first few, and how many more. */
export function describeUnserved(rows: readonly UnservedModel[], limit = 5): string {
  const named = rows.slice(0, limit).map((row) => `${row.model} (${row.count}×)`);
  return rows.length > limit ? `${named.join(', ')} and ${rows.length - limit} more` : named.join(', ');
}

async function runRequestedModels(context: DiagnosticsContext): Promise<CheckOutcome> {
  const rows = unservedNow(context);
  const evidence = {
    window: 'last 24 h',
    unserved: rows.slice(0, 20).map((row) => ({ model: row.model, count: row.count, lastAt: new Date(row.lastAt).toISOString(), clientKeys: row.clientKeys, fix: vendorHint(row.model) })),
  };
  if (rows.length === 0) {
    return { status: 'pass', summary: 'Every model clients asked for in the last 24 h is served by an enabled account.', evidence };
  }
  const families = [...new Set(rows.map((row) => vendorHint(row.model)))];
  return {
    status: 'fail',
    summary: `Clients asked for ${rows.length} model(s) that no enabled account serves, and got "model not found": ${describeUnserved(rows)}.`,
    evidence,
    remediation: `For each id, ${families.join('; or ')} — or map it to a model that is served (Models page → "Requested but not served" → Map to…, which writes a model-mappings rule).`,
  };
}

export const requestedModelChecks: readonly CheckDefinition[] = [
  {
    id: 'requested-models',
    title: 'Models clients asked for',
    symptom: 'A client on its default model gets "model not found" / 404 for every request',
    cause: 'The client asks for an id no enabled account serves (a model released after the built-in catalogue, or another vendor\'s id)',
    needs: 'proxy',
    run: runRequestedModels,
  },
];
