import path from 'node:path';
import type { CliEnvironment } from '../../src/cli/environment.js';

/** A `cliproxyctl` environment in a scratch home: output captured, no browser, nothing typed on stdin. */
export function cliEnvironment(home: string, argv: string[], overrides: Partial<CliEnvironment> = {}): { env: CliEnvironment; output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  const env: CliEnvironment = {
    argv,
    env: { CLIPROXY_DATA_DIR: path.join(home, 'data') },
    cwd: home,
    home,
    platform: 'linux',
    stdout: (text) => (output.stdout += text),
    stderr: (text) => (output.stderr += text),
    openUrl: async () => false,
    stdinLines: () => ({ lines: (async function* () {})(), close: () => undefined }),
    ...overrides,
  };
  return { env, output };
}
