/**
 * Tool calls as the Responses client declared its tools: a flat `<namespace>__<tool>` name is split back
 * into `namespace` + `name`, and a call to a declared `custom` tool that another vendor answered as a
 * function call with `{"input": "…"}` becomes a `custom_tool_call` with the plain input.
 */
import type { IrRequest } from '../../ir/index.js';
import { splitToolName, type NamespacedName } from './namespace-tools.js';
import { isRecord, ownExtras } from './responses-extras.js';

export interface ClientCall {
  kind: 'function' | 'custom';
  name: string;
  namespace?: string;
  /** JSON arguments of a function call, or the free text of a custom call. */
  input: string;
}

export interface ClientTools {
  call(name: string, args: string, kind: 'function' | 'custom' | undefined): ClientCall;
  /** True when calls to `name` are custom (so argument deltas are not streamed as-is). */
  isCustom(name: string, kind: 'function' | 'custom' | undefined): boolean;
}

function unwrapInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (isRecord(parsed) && typeof parsed.input === 'string') return parsed.input;
  } catch {
    // Not JSON: the text is the input.
  }
  return args;
}

export function clientTools(request: IrRequest | undefined): ClientTools {
  const namespaced = new Map<string, NamespacedName>();
  const custom = new Set<string>();
  for (const tool of request?.tools ?? []) {
    if (tool.type === 'custom') custom.add(tool.name);
    if (tool.type !== 'function' && tool.type !== 'custom') continue;
    const own = ownExtras(tool.extras);
    if (typeof own.namespace === 'string' && typeof own.name === 'string') namespaced.set(tool.name, { namespace: own.namespace, name: own.name });
  }
  const isCustom = (name: string, kind: 'function' | 'custom' | undefined) => kind === 'custom' || custom.has(name);
  return {
    isCustom,
    call(name, args, kind) {
      const split = splitToolName(name, namespaced);
      if (isCustom(name, kind)) {
        const custom: ClientCall = { kind: 'custom', name: split.name, input: kind === 'custom' ? args : unwrapInput(args) };
        if (split.namespace !== undefined) custom.namespace = split.namespace;
        return custom;
      }
      const call: ClientCall = { kind: 'function', name: split.name, input: args };
      if (split.namespace !== undefined) call.namespace = split.namespace;
      return call;
    },
  };
}
