/** Layering rules for the desktop shell, checked on the source so a drift fails the build. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const source = path.join(repository, 'electron', 'src');

function files(dir: string, include = (name: string) => /\.ts$/.test(name) && !/\.test\.ts$/.test(name)): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, include);
    return include(entry.name) ? [full] : [];
  });
}

/** Value imports (not `import type` / `export type`) with their specifiers. */
function valueImports(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gms)) {
    if (!match[2]) specifiers.push(match[3]);
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specifiers.push(match[1]);
  return specifiers;
}

const relative = (file: string) => path.relative(source, file).split(path.sep).join('/');

describe('electron/ layering', () => {
  it('reaches proxy-core only through core/proxy-core.ts', () => {
    const offenders = files(source)
      .filter((file) => relative(file) !== 'core/proxy-core.ts')
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]*proxy-core\/src[^'"]*)['"]/g)].map((match) => `${relative(file)} → ${match[1]}`));
    expect(offenders).toEqual([]);
  });

  it('only main.ts and preload.ts load the electron module; features take its parts as dependencies', () => {
    const offenders = files(source)
      .filter((file) => !['main.ts', 'preload.ts'].includes(relative(file)))
      .filter((file) => valueImports(readFileSync(file, 'utf8')).some((specifier) => specifier === 'electron' || specifier === 'electron-store'))
      .map(relative);
    expect(offenders).toEqual([]);
  });

  it('the sandboxed preload pulls in no zod and no Node modules', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
        if (specifier === 'electron') continue;
        expect(specifier.startsWith('.'), `${relative(file)} imports ${specifier}`).toBe(true);
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      }
    };
    visit(path.join(source, 'preload.ts'));
    expect([...seen].map(relative).sort()).toEqual(['ipc/channels.ts', 'ipc/desktop-api.ts', 'preload.ts']);
  });

  it('proxy-core never imports the desktop shell', () => {
    const offenders = files(path.join(repository, 'proxy-core', 'src'), (name) => name.endsWith('.ts'))
      .filter((file) => /from\s+['"](electron|[^'"]*\/electron\/)/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(repository, file));
    expect(offenders).toEqual([]);
  });

  it('keeps files small (under 300 lines)', () => {
    const long = files(source, (name) => name.endsWith('.ts'))
      .map((file) => ({ file: relative(file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((entry) => entry.lines > 300 && !entry.file.endsWith('.test.ts'));
    expect(long).toEqual([]);
  });
});
