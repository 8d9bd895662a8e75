/**
 * The dependency rules of ARCHITECTURE.md, checked on the source: `formats/` never imports `providers/`, and
 * proxy-core (source and tests) never imports the desktop shell (`electron/`, the `electron` package) or the
 * dashboard (`renderer/`).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** This file plants forbidden imports in strings for the self-check; it is not scanned itself. */
const self = fileURLToPath(import.meta.url);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '__fixtures__' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && full !== self ? [full] : [];
  });
}

/** Every module specifier a file names: static, type-only, re-exports, side-effect and dynamic imports. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(match[1]);
  for (const match of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]);
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]);
  return found;
}

/** `file → specifier` for each import of a file under `root` that `forbidden` rejects (given the resolved target). */
function offenders(root: string, forbidden: (specifier: string, resolved: string | undefined) => boolean, base = root): string[] {
  return sourceFiles(root).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => forbidden(specifier, specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined))
      .map((specifier) => `${path.relative(base, file)} → ${specifier}`),
  );
}

const inside = (resolved: string | undefined, dir: string) => resolved !== undefined && (resolved === dir || resolved.startsWith(dir + path.sep));

/** formats/ must not reach providers/. */
const formatsRule = (providersDir: string) => (_specifier: string, resolved: string | undefined) => inside(resolved, providersDir);

/** proxy-core must not reach the desktop shell or the dashboard. */
const shellRule = (electronDir: string, rendererDir: string) => (specifier: string, resolved: string | undefined) =>
  /^(electron|electron-store)(\/|$)/.test(specifier) || inside(resolved, electronDir) || inside(resolved, rendererDir);

describe('proxy-core layering', () => {
  it('the checker itself catches every way of importing (a planted tree)', () => {
    const tree = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-layering-'));
    try {
      for (const dir of ['src/formats/gemini', 'src/providers/gemini', 'electron/src', 'renderer/src']) mkdirSync(path.join(tree, dir), { recursive: true });
      writeFileSync(
        path.join(tree, 'src/formats/gemini/bad.ts'),
        [
          "import { a } from '../../providers/gemini/index.js';",
          "import type { B } from '../../providers/provider-definition.js';",
          "export { c } from '../../providers/registry.js';",
          "const lazy = () => import('../../providers/gemini/models.js');",
          "import '../../providers/side-effect.js';",
          "import { fine } from '../shared/ok.js';",
        ].join('\n'),
      );
      writeFileSync(path.join(tree, 'src/formats/gemini/good.ts'), "import { x } from './decode.js';\nimport { z } from 'zod';\n");
      writeFileSync(path.join(tree, 'src/server.ts'), "import { app } from 'electron';\nimport { ui } from '../renderer/src/app.js';\nimport { tray } from '../electron/src/tray.js';\nimport { ok } from './formats/gemini/good.js';\n");
      expect(offenders(path.join(tree, 'src/formats'), formatsRule(path.join(tree, 'src/providers')), tree)).toEqual([
        'src/formats/gemini/bad.ts → ../../providers/gemini/index.js',
        'src/formats/gemini/bad.ts → ../../providers/provider-definition.js',
        'src/formats/gemini/bad.ts → ../../providers/registry.js',
        'src/formats/gemini/bad.ts → ../../providers/gemini/models.js',
        'src/formats/gemini/bad.ts → ../../providers/side-effect.js',
      ]);
      expect(offenders(path.join(tree, 'src'), shellRule(path.join(tree, 'electron'), path.join(tree, 'renderer')), tree)).toEqual([
        'src/server.ts → electron',
        'src/server.ts → ../renderer/src/app.js',
        'src/server.ts → ../electron/src/tray.js',
      ]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('formats/ never imports providers/ (not even types)', () => {
    const formats = path.join(repository, 'proxy-core', 'src', 'formats');
    expect(offenders(formats, formatsRule(path.join(repository, 'proxy-core', 'src', 'providers')), repository)).toEqual([]);
  });

  it('proxy-core (source and tests) never imports electron/, the electron package or renderer/', () => {
    const rule = shellRule(path.join(repository, 'electron'), path.join(repository, 'renderer'));
    expect(offenders(path.join(repository, 'proxy-core'), rule, repository)).toEqual([]);
  });
});
