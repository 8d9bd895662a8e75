/** Every literal key the dashboard passes to t() names a text in both catalogues (not a missing key, not a section). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './catalogues.js';

const source = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.tsx$/.test(entry.name) ? [full] : [];
  });
}

function resolve(catalogue: Record<string, unknown>, key: string): unknown {
  let value: unknown = catalogue;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined && catalogue) {
    // A plural key: `count` picks `key_one` / `key_other`.
    const parent = key.split('.').slice(0, -1).reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
    const last = key.split('.').at(-1)!;
    return parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[`${last}_other`] : undefined;
  }
  return value;
}

describe('keys used in the dashboard', () => {
  it('each t("…") key with a fixed name is a text in English and in Chinese', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of files(source)) {
      const text = readFileSync(file, 'utf8');
      const namespace = /useTranslation\('(\w+)'\)/.exec(text)?.[1] ?? 'common';
      for (const match of text.matchAll(/\bt\('([\w.:-]+)'/g)) {
        const [ns, key] = match[1].includes(':') ? match[1].split(':') : [namespace, match[1]];
        for (const language of ['en', 'zh-CN'] as const) {
          const catalogue = (CATALOGUES[language] as Record<string, Record<string, unknown>>)[ns];
          const value = resolve(catalogue, key);
          if (typeof value !== 'string') problems.push(`${path.relative(source, file)}: ${ns}:${key} (${language}) is ${value === undefined ? 'missing' : 'not a text'}`);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  });
});
