import { describe, expect, it } from 'vitest';
import { clientKeyLabel, withoutLocation } from './index.js';

describe('config errors shown with their line and column in words', () => {
  it('drop the path:line:column prefix so the location is said once', () => {
    expect(withoutLocation('/home/ana/.config/cliproxy-desktop/config.yaml:31:16: request-retry: must be at least 0, got -1')).toBe('request-retry: must be at least 0, got -1');
    expect(withoutLocation('C:\\Users\\ana\\config.yaml:3:1: port: expected a number')).toBe('port: expected a number');
    expect(withoutLocation('could not read config.yaml')).toBe('could not read config.yaml');
  });
});

describe('client keys in usage are masked like every other key', () => {
  it('shows sk-c…abcd without the proxy\'s #hash, unless two keys mask alike', () => {
    expect(clientKeyLabel('sk-c…0001#1a2b3c')).toBe('sk-c…0001');
    expect(clientKeyLabel('sk-c…0001#1a2b3c', ['sk-c…0001#1a2b3c', 'sk-c…0001#ffee00'])).toBe('sk-c…0001 (#1a2b3c)');
    expect(clientKeyLabel('sk-c…0001#1a2b3c', ['sk-c…0001#1a2b3c', 'sk-d…0002#ffee00'])).toBe('sk-c…0001');
    expect(clientKeyLabel('local')).toBe('No key (this computer)');
    expect(clientKeyLabel('')).toBe('No key (this computer)');
    expect(clientKeyLabel('diagnostics')).toBe("Diagnostics (the proxy's own checks)");
  });
});
