/** Readers for vendor JSON whose shape is not guaranteed (token answers, account files, quota bodies). */

/** A non-blank string, trimmed; anything else is undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A JSON object as a record, or `{}` for anything else (arrays, null, scalars). */
export const object = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
