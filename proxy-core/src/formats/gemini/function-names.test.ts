import { describe, expect, it } from 'vitest';
import { createFunctionNameMap, restoreFunctionName, sanitizeFunctionName } from './function-names.js';

describe('Gemini function names (§2.0, §5 quirk 5)', () => {
  it('leaves valid names alone and repairs invalid ones', () => {
    expect(sanitizeFunctionName('mcp__github__create_issue')).toBe('mcp__github__create_issue');
    expect(sanitizeFunctionName('read file/v2')).toBe('read_file_v2');
    expect(sanitizeFunctionName('3d-render')).toBe('_3d-render');
    expect(sanitizeFunctionName('')).toBe('_');
    expect(sanitizeFunctionName('x'.repeat(100))).toHaveLength(64);
  });

  it('keeps colliding names apart and maps them back', () => {
    const names = ['read file', 'read/file', 'write_file'];
    const map = createFunctionNameMap(names);
    expect(map.get('write_file')).toBe('write_file');
    const [first, second] = [map.get('read file')!, map.get('read/file')!];
    expect(first).not.toBe(second);
    for (const name of [first, second]) expect(name).toMatch(/^read_file_[0-9a-f]{12}$/);
    expect(restoreFunctionName(first, names)).toBe('read file');
    expect(restoreFunctionName(second, names)).toBe('read/file');
    expect(restoreFunctionName('unknown', names)).toBe('unknown');
  });
});
