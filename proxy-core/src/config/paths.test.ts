import { describe, expect, it } from 'vitest';
import { defaultConfigDir, defaultDataDir, expandHome } from './paths.js';

describe('expandHome', () => {
  it('expands ~ and ~/x, and leaves other paths alone', () => {
    expect(expandHome('~', '/home/ana')).toBe('/home/ana');
    expect(expandHome('~/.cli-proxy-api', '/home/ana')).toBe('/home/ana/.cli-proxy-api');
    expect(expandHome('/srv/auth', '/home/ana')).toBe('/srv/auth');
    expect(expandHome('relative/dir', '/home/ana')).toBe('relative/dir');
    expect(expandHome('~bob/x', '/home/ana')).toBe('~bob/x');
  });

  it('uses Windows separators for a Windows home', () => {
    expect(expandHome('~/.cli-proxy-api', 'C:\\Users\\Ana')).toBe('C:\\Users\\Ana\\.cli-proxy-api');
    expect(expandHome('~\\auth', 'C:\\Users\\Ana')).toBe('C:\\Users\\Ana\\auth');
  });
});

describe('defaultConfigDir / defaultDataDir', () => {
  const home = '/home/ana';

  it('Linux follows XDG, falling back to ~/.config and ~/.local/share', () => {
    const context = { platform: 'linux' as const, env: {}, home };
    expect(defaultConfigDir(context)).toBe('/home/ana/.config/cliproxy-desktop');
    expect(defaultDataDir(context)).toBe('/home/ana/.local/share/cliproxy-desktop');

    const xdg = { platform: 'linux' as const, env: { XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' }, home };
    expect(defaultConfigDir(xdg)).toBe('/cfg/cliproxy-desktop');
    expect(defaultDataDir(xdg)).toBe('/data/cliproxy-desktop');
  });

  it('ignores relative XDG values, as the XDG spec requires', () => {
    const context = { platform: 'linux' as const, env: { XDG_CONFIG_HOME: 'relative', XDG_DATA_HOME: '' }, home };
    expect(defaultConfigDir(context)).toBe('/home/ana/.config/cliproxy-desktop');
    expect(defaultDataDir(context)).toBe('/home/ana/.local/share/cliproxy-desktop');
  });

  it('macOS uses Application Support for both', () => {
    const context = { platform: 'darwin' as const, env: { XDG_CONFIG_HOME: '/ignored' }, home: '/Users/ana' };
    expect(defaultConfigDir(context)).toBe('/Users/ana/Library/Application Support/CLIProxy Desktop');
    expect(defaultDataDir(context)).toBe('/Users/ana/Library/Application Support/CLIProxy Desktop');
  });

  it('Windows uses %APPDATA%, or AppData\\Roaming under the home when it is unset', () => {
    const context = { platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, home: 'C:\\Users\\Ana' };
    expect(defaultConfigDir(context)).toBe('C:\\Users\\Ana\\AppData\\Roaming\\CLIProxy Desktop');
    expect(defaultDataDir(context)).toBe('C:\\Users\\Ana\\AppData\\Roaming\\CLIProxy Desktop');
    expect(defaultConfigDir({ platform: 'win32', env: {}, home: 'C:\\Users\\Ana' })).toBe('C:\\Users\\Ana\\AppData\\Roaming\\CLIProxy Desktop');
  });

  it('CLIPROXY_DATA_DIR overrides the data directory on every platform, with ~ expanded', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({ platform, env: { CLIPROXY_DATA_DIR: '/srv/cliproxy' }, home })).toBe('/srv/cliproxy');
    }
    expect(defaultDataDir({ platform: 'linux', env: { CLIPROXY_DATA_DIR: '~/data' }, home })).toBe('/home/ana/data');
    // The config directory is chosen by the config path variables instead.
    expect(defaultConfigDir({ platform: 'linux', env: { CLIPROXY_DATA_DIR: '/srv/cliproxy' }, home })).toBe('/home/ana/.config/cliproxy-desktop');
  });
});
