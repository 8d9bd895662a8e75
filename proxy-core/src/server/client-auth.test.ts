import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticateClient, createClientKeyRing } from './client-auth.js';
import { guardKeylessRequest } from './guard-origin.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const url = (query = '') => new URL(`http://localhost/v1/models${query}`);

describe('authenticateClient', () => {
  const ring = createClientKeyRing(['sk-right-key-1234567']);

  it('accepts a key from any of the four places and returns a label, never the key', () => {
    const headerSets: Array<Record<string, string>> = [{ authorization: 'Bearer sk-right-key-1234567' }, { 'x-api-key': 'sk-right-key-1234567' }, { 'x-goog-api-key': 'sk-right-key-1234567' }];
    for (const headers of headerSets) {
      const label = authenticateClient(request(headers), url(), ring, false, 'openai-chat');
      expect(label).not.toContain('sk-right-key-1234567');
      expect(label).toMatch(/^sk-r…4567#/);
    }
    expect(authenticateClient(request({}), url('?key=sk-right-key-1234567'), ring, false, 'gemini')).toMatch(/^sk-r/);
  });

  it('says which header to send, per dialect', () => {
    expect(() => authenticateClient(request({}), url(), ring, true, 'claude-messages')).toThrow(/x-api-key/);
    expect(() => authenticateClient(request({}), url(), ring, true, 'gemini')).toThrow(/x-goog-api-key/);
    expect(() => authenticateClient(request({ authorization: 'Bearer nope' }), url(), ring, true, 'openai-chat')).toThrow(/not in api-keys/);
  });

  it('without api-keys serves loopback callers only', () => {
    const empty = createClientKeyRing([]);
    expect(authenticateClient(request({}), url(), empty, true, 'openai-chat')).toBe('local');
    expect(() => authenticateClient(request({}), url(), empty, false, 'openai-chat')).toThrow(/only serves requests from this machine/);
  });
});

describe('guardKeylessRequest', () => {
  it('refuses web pages from other sites and DNS-rebinding hosts, allows local tools', () => {
    expect(() => guardKeylessRequest(request({ host: '127.0.0.1:8317' }))).not.toThrow();
    expect(() => guardKeylessRequest(request({ host: 'localhost:8317', origin: 'http://localhost:5173' }))).not.toThrow();
    expect(() => guardKeylessRequest(request({ host: '127.0.0.1:8317', origin: 'https://evil.example' }))).toThrow(/web pages/);
    expect(() => guardKeylessRequest(request({ host: 'evil.example:8317' }))).toThrow(/DNS rebinding/);
  });
});
