import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigPath } from './resolve-config-path.js';

const base = { cwd: '/work/project', defaultDir: '/home/ana/.config/cliproxy-desktop' };
const existing = (...files: string[]) => (candidate: string) => files.includes(candidate);

describe('resolveConfigPath', () => {
  it('prefers --config over everything, resolving it against the working directory', () => {
    const result = resolveConfigPath({
      ...base,
      flag: 'conf/my.yaml',
      env: { CLIPROXY_CONFIG: '/env/config.yaml' },
      exists: existing('/work/project/config.yaml'),
    });
    expect(result).toEqual({ path: '/work/project/conf/my.yaml', source: 'flag' });
  });

  it('checks the environment variables in order and reports which one was used', () => {
    const env = { CONFIG_PATH: '/d.yaml', CONFIG: '/c.yaml', CLIPROXY_CONFIG_PATH: '/b.yaml' };
    expect(resolveConfigPath({ ...base, env, exists: existing() })).toEqual({ path: '/b.yaml', source: 'env', variable: 'CLIPROXY_CONFIG_PATH' });
    expect(resolveConfigPath({ ...base, env: { ...env, CLIPROXY_CONFIG: '/a.yaml' }, exists: existing() })).toMatchObject({
      path: '/a.yaml',
      variable: 'CLIPROXY_CONFIG',
    });
    expect(resolveConfigPath({ ...base, env: { CONFIG_PATH: '/d.yaml', CONFIG: '  ' }, exists: existing() })).toMatchObject({
      path: '/d.yaml',
      variable: 'CONFIG_PATH',
    });
  });

  it('expands ~ in the flag when the home directory is given', () => {
    const result = resolveConfigPath({ ...base, flag: '~/cfg.yaml', env: {}, exists: existing(), home: '/home/ana' });
    expect(result.path).toBe('/home/ana/cfg.yaml');
  });

  it('uses ./config.yaml, then ./config/config.yaml, only when they exist', () => {
    expect(resolveConfigPath({ ...base, env: {}, exists: existing('/work/project/config.yaml', '/work/project/config/config.yaml') })).toEqual({
      path: '/work/project/config.yaml',
      source: 'cwd',
    });
    expect(resolveConfigPath({ ...base, env: {}, exists: existing('/work/project/config/config.yaml') })).toEqual({
      path: '/work/project/config/config.yaml',
      source: 'cwd',
    });
  });

  it('falls back to config.yaml in the default directory, even when it does not exist yet', () => {
    expect(resolveConfigPath({ ...base, env: {}, exists: existing() })).toEqual({
      path: path.join(base.defaultDir, 'config.yaml'),
      source: 'default',
    });
  });
});
