/**
 * The desktop app's own settings (window, tray, notifications, which config file). Proxy configuration stays
 * in config.yaml. Updates are validated strictly; stored values are read leniently, field by field, so one
 * damaged value falls back to its default without resetting the rest.
 */
import { z } from 'zod';

export const windowBoundsSchema = z.strictObject({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(480).max(10_000),
  height: z.number().int().min(360).max(10_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** What the tray title (macOS) and tooltip show next to the state. */
export const trayDisplaySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('state') }),
  z.strictObject({ kind: z.literal('requests-today') }),
  /** One account's lowest quota bucket (or the named one). */
  z.strictObject({ kind: z.literal('account-quota'), accountId: z.string().min(1), bucketId: z.string().min(1).optional() }),
]);
export type TrayDisplay = z.infer<typeof trayDisplaySchema>;

export const NOTIFICATION_KINDS = ['needs-relogin', 'quota-low', 'quota-exhausted', 'quota-restored', 'proxy-stopped'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationPreferencesSchema = z.strictObject({
  'needs-relogin': z.boolean().default(true),
  'quota-low': z.boolean().default(true),
  'quota-exhausted': z.boolean().default(true),
  'quota-restored': z.boolean().default(true),
  'proxy-stopped': z.boolean().default(true),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Self-update: the quiet check at start, and a version the user chose to stay away from. */
export const updatePreferencesSchema = z.strictObject({
  autoCheck: z.boolean().default(true),
  skippedVersion: z.string().min(1).max(64).optional(),
});
export type UpdatePreferences = z.infer<typeof updatePreferencesSchema>;

export const settingsSchema = z.strictObject({
  windowBounds: windowBoundsSchema.optional(),
  launchAtLogin: z.boolean().default(false),
  trayDisplay: trayDisplaySchema.default({ kind: 'state' }),
  notifications: notificationPreferencesSchema.default(() => notificationPreferencesSchema.parse({})),
  /** The tray's and notifications' language: 'system' follows the OS; the dashboard's Settings → Language sets it. */
  language: z.enum(['system', 'en', 'zh-CN']).default('system'),
  updates: updatePreferencesSchema.default(() => updatePreferencesSchema.parse({})),
  /** config.yaml to use instead of the one `cliproxyctl serve` would pick (a `--config` argument still wins). */
  configPath: z.string().min(1).optional(),
});
export type AppSettings = z.infer<typeof settingsSchema>;

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Each field of `schema` parsed on its own; a field that fails gets its default (or is left out). */
function parseLeniently(schema: z.ZodObject, value: unknown, nested: Record<string, z.ZodObject> = {}): Record<string, unknown> {
  const input = asRecord(value);
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    if (nested[key]) {
      result[key] = parseLeniently(nested[key], input[key]);
      continue;
    }
    const parsed = field.safeParse(input[key]);
    const fallback = parsed.success ? parsed : field.safeParse(undefined);
    if (fallback.success && fallback.data !== undefined) result[key] = fallback.data;
  }
  return result;
}

/** Reads stored settings: unknown keys are dropped, bad values fall back to their defaults field by field. */
export function parseSettings(stored: unknown): AppSettings {
  return settingsSchema.parse(parseLeniently(settingsSchema, stored, { notifications: notificationPreferencesSchema, updates: updatePreferencesSchema }));
}
