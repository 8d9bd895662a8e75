import { describe, expect, it } from 'vitest';
import { withoutLocation } from './index.js';

describe('config errors shown with their line and column in words', () => {
  it('drop the path:line:column prefix so the location is said once', () => {
    expect(withoutLocation('/home/ana/.config/cliproxy-desktop/config.yaml:31:16: request-retry: must be at least 0, got -1')).toBe('request-retry: must be at least 0, got -1');
    expect(withoutLocation('C:\\Users\\ana\\config.yaml:3:1: port: expected a number')).toBe('port: expected a number');
    expect(withoutLocation('could not read config.yaml')).toBe('could not read config.yaml');
  });
});
