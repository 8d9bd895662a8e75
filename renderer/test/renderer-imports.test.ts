/** The renderer's source reaches into proxy-core only for the management contract (types and zod schemas). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer imports', () => {
  it('only renderer/src/api/contract.ts imports from proxy-core, and only the management contract', () => {
    const offenders: string[] = [];
    for (const file of files(source)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1];
        if (!specifier.includes('proxy-core')) continue;
        const allowed = path.relative(source, file) === path.join('api', 'contract.ts') && specifier.endsWith('proxy-core/src/server/management/contract.js');
        if (!allowed) offenders.push(`${path.relative(source, file)} → ${specifier}`);
      }
      expect(text, file).not.toMatch(/from ['"](node:|electron)/);
    }
    expect(offenders).toEqual([]);
  });

  it('components call the typed client through stores, never fetch directly', () => {
    const direct = files(source).filter((file) => {
      const relative = path.relative(source, file);
      return !relative.startsWith('api') && relative !== 'main.tsx' && /\bfetch\s*\(/.test(readFileSync(file, 'utf8'));
    });
    expect(direct).toEqual([]);
  });
});
