/**
 * The backup bundle: one JSON file with config.yaml, the auth-dir's account files and the usage history,
 * optionally encrypted with a passphrase (scrypt → AES-256-GCM). Format: docs/decisions/2026-12-08-08-desktop-features.md.
 * Pure: no files, no network; the routes read and write what the bundle holds.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { UsageRecord } from '../../observability/usage-store.js';

export const BACKUP_FORMAT = 'cliproxy-backup';
export const BACKUP_VERSION = 1;
/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB of memory, ~0.1 s; stored in the bundle so it can grow later. */
const SCRYPT = { N: 32_768, r: 8, p: 1 } as const;

const usageRecordSchema = z.object({
  time: z.number(),
  requestId: z.string(),
  clientKey: z.string(),
  provider: z.string(),
  credentialId: z.string(),
  credentialLabel: z.string(),
  requestedModel: z.string(),
  upstreamModel: z.string(),
  clientFormat: z.string(),
  upstreamFormat: z.string(),
  stream: z.boolean(),
  status: z.number(),
  latencyMs: z.number(),
  ttfbMs: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedTokens: z.number(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  estimated: z.boolean(),
  error: z.string().nullable(),
  attempts: z.number().optional(),
});

/** A file name in the auth-dir: a plain `*.json` name, never a path. */
const authFileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9@._+-]+\.json$/, 'an account file name must be a plain name ending in .json (letters, digits, @ . _ + -)')
  .refine((name) => !name.startsWith('.'), 'an account file name must not start with a dot');

export const backupPayloadSchema = z.object({
  /** config.yaml's text, comments included. */
  config: z.string().nullable(),
  authFiles: z.array(z.object({ name: authFileNameSchema, data: z.record(z.string(), z.unknown()) })),
  usage: z.array(usageRecordSchema),
});
export type BackupPayload = z.infer<typeof backupPayloadSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const backupBundleSchema = z.discriminatedUnion('encrypted', [
  z.object({
    format: z.literal(BACKUP_FORMAT, { error: `not a CLIProxy backup (format must be "${BACKUP_FORMAT}")` }),
    version: z.literal(BACKUP_VERSION, { error: `this app reads backup version ${BACKUP_VERSION}` }),
    createdAt: z.string(),
    appVersion: z.string(),
    encrypted: z.literal(false),
    payload: backupPayloadSchema,
  }),
  z.object({
    format: z.literal(BACKUP_FORMAT, { error: `not a CLIProxy backup (format must be "${BACKUP_FORMAT}")` }),
    version: z.literal(BACKUP_VERSION, { error: `this app reads backup version ${BACKUP_VERSION}` }),
    createdAt: z.string(),
    appVersion: z.string(),
    encrypted: z.literal(true),
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(1024).max(1_048_576), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: base64 }),
    cipher: z.object({ name: z.literal('aes-256-gcm'), iv: base64, tag: base64 }),
    ciphertext: base64,
  }),
]);
export type BackupBundle = z.infer<typeof backupBundleSchema>;

export class BackupPassphraseError extends Error {}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Builds the bundle; with a passphrase the payload is encrypted (the header stays readable). */
export async function encodeBackup(payload: BackupPayload, meta: { createdAt: Date; appVersion: string; passphrase?: string; random?: (size: number) => Buffer }): Promise<BackupBundle> {
  const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: meta.createdAt.toISOString(), appVersion: meta.appVersion } as const;
  if (!meta.passphrase) return { ...header, encrypted: false, payload };
  const random = meta.random ?? randomBytes;
  const salt = random(16);
  const iv = random(12);
  const key = await deriveKey(meta.passphrase, salt, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${BACKUP_FORMAT}/${BACKUP_VERSION}`));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return {
    ...header,
    encrypted: true,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The payload of a parsed bundle; a wrong or missing passphrase is a BackupPassphraseError. */
export async function decodeBackup(bundle: BackupBundle, passphrase?: string): Promise<BackupPayload> {
  if (!bundle.encrypted) return bundle.payload;
  if (!passphrase) throw new BackupPassphraseError('This backup is encrypted: enter the passphrase it was exported with.');
  const key = await deriveKey(passphrase, Buffer.from(bundle.kdf.salt, 'base64'), bundle.kdf);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(bundle.cipher.iv, 'base64'));
    decipher.setAAD(Buffer.from(`${BACKUP_FORMAT}/${BACKUP_VERSION}`));
    decipher.setAuthTag(Buffer.from(bundle.cipher.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(bundle.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new BackupPassphraseError('The passphrase is wrong, or the backup file was changed after it was exported.');
  }
  return backupPayloadSchema.parse(JSON.parse(plain));
}

export type { UsageRecord };
