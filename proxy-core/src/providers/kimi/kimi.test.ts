import { describe, expect, it } from 'vitest';
import { kimiFile, kimiFileName, parseKimiFile } from './account-file.js';
import { kimiUpstreamModel, normalizeKimiHistory } from './request.js';

describe('Kimi model ids', () => {
  it('map the named aliases, then drop the kimi- prefix and [1m]', () => {
    expect(['kimi-k2', 'kimi-k2-thinking', 'kimi-k2.7-code', 'kimi-k2.7-code-highspeed', 'kimi-k2.6[1m]', 'k3'].map(kimiUpstreamModel)).toEqual(['k2', 'k2-thinking', 'kimi-for-coding', 'kimi-for-coding-highspeed', 'k2.6', 'k3']);
  });
});

describe('Kimi history for K2 thinking', () => {
  it('gives tool-call turns the latest reasoning, else their own text, else a placeholder; links tool results to the open call', () => {
    const out = normalizeKimiHistory([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'let me look', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', call_id: 'c1', content: 'r1' },
      { role: 'assistant', content: '', reasoning_content: 'thinking…', tool_calls: [{ id: 'c2' }] },
      { role: 'tool', content: 'r2' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c3' }] },
    ]);
    expect(out[1].reasoning_content).toBe('let me look');
    expect(out[2].tool_call_id).toBe('c1');
    expect(out[3].reasoning_content).toBe('thinking…');
    expect(out[4].tool_call_id).toBe('c2');
    expect(out[5].reasoning_content).toBe('thinking…');
    expect(normalizeKimiHistory([{ role: 'assistant', content: null, tool_calls: [{ id: 'x' }] }])[0].reasoning_content).toBe('[reasoning unavailable]');
  });
});

describe('Kimi auth files', () => {
  it('round-trip CLIProxyAPI’s kimi-<unix_ms>.json and keep unknown fields', () => {
    const data = { type: 'kimi', access_token: 'at', refresh_token: 'rt', token_type: 'Bearer', scope: 'kimi-code', timestamp: 1767225600123, expired: '2026-01-01T01:00:00.000Z', last_refresh: '2026-01-01T00:00:00.000Z', device_id: 'dev-1', extra: true };
    const record = parseKimiFile(data);
    expect(record).toMatchObject({ identity: 'kimi-1767225600123', label: 'Kimi account 2026-01-01 00:00', attributes: { deviceId: 'dev-1' } });
    expect(kimiFile(record, data)).toEqual(data);
    expect(kimiFileName(record)).toBe('kimi-1767225600123.json');
  });
});
