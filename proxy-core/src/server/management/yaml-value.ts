import { parse } from 'yaml';

/** The plain JS value of a config text (an empty or non-mapping document is `{}`). */
export function parseDocumentValue(text: string): Record<string, unknown> {
  try {
    const value = parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
