/**
 * Which Node this project supports, checked against what the installed packages declare (docs/decisions/
 * 2026-12-08-07-first-hour.md): the proxy and cliproxyctl run on Node 20.19+, so no runtime dependency may need
 * more; development (Electron 45 and its installer, electron-store, the official SDKs the tests drive) needs
 * Node 22.13+, and those packages are exactly the ones listed in the README. A new dependency that needs a newer
 * Node fails here, so the README and the decision are updated with it, not discovered as EBADENGINE later.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }> };
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const readme = readFileSync(new URL('README.md', root), 'utf8');

const RUNTIME_NODE = '20.19.0';
const DEVELOPMENT_NODE = '22.13.0';
/** Development-only packages that declare Node ≥ 22 (npm's nine EBADENGINE warnings on Node 20). */
const NEED_NODE_22 = ['@electron-internal/extract-zip', '@electron/get', '@electron/rebuild', '@google/genai', 'conf', 'electron', 'electron-store', 'node-abi', 'openai'];

function packages() {
  return Object.entries(lock.packages)
    .filter(([location]) => location !== '')
    .map(([location, info]) => ({ name: location.replace(/^.*node_modules\//, ''), dev: info.dev === true, range: !Array.isArray(info.engines) ? info.engines?.node : undefined }))
    .filter((entry): entry is { name: string; dev: boolean; range: string } => typeof entry.range === 'string');
}
const supports = (version: string, range: string) => semver.satisfies(version, range, { includePrerelease: true });

describe('supported Node versions', () => {
  it(`every runtime dependency runs on Node ${RUNTIME_NODE} (the proxy and cliproxyctl)`, () => {
    expect(packages().filter((entry) => !entry.dev && !supports(RUNTIME_NODE, entry.range)).map((entry) => `${entry.name} ${entry.range}`)).toEqual([]);
    expect(manifest.engines.node).toBe('>=20.19');
  });

  it(`the development packages that need a newer Node are exactly the documented ones, and all run on Node ${DEVELOPMENT_NODE}`, () => {
    const newer = [...new Set(packages().filter((entry) => !supports(RUNTIME_NODE, entry.range)).map((entry) => entry.name))].sort();
    expect(newer).toEqual(NEED_NODE_22);
    expect(packages().filter((entry) => !supports(DEVELOPMENT_NODE, entry.range)).map((entry) => `${entry.name} ${entry.range}`)).toEqual([]);
  });

  it('the README states both, and names the packages behind npm\'s EBADENGINE warnings on Node 20', () => {
    expect(readme).toContain('**Node.js:** 22.13 or newer is supported for a development checkout');
    expect(readme).toContain('The proxy and `cliproxyctl` run on Node 20.19+');
    for (const name of ['electron', 'electron-store', 'openai', '@google/genai']) expect(readme).toContain(`\`${name}\``);
  });
});
