import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';
import { createRequestLog, requestLogName, type RequestLogSettings } from './request-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(settings: Partial<RequestLogSettings> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'request-log-'));
  dirs.push(dir);
  const redactor = createRedactor();
  redactor.setSecrets(['client-secret-value-1234']);
  const current: RequestLogSettings = { enabled: true, errorMaxFiles: 10, maxFiles: 100, bodyLimitBytes: 1024, ...settings };
  const log = createRequestLog({ dir, settings: () => current, redact: redactor.redact, mask: redactor.mask });
  return { dir, log, current };
}

describe('request log', () => {
  it('names files as the reference does and never lists, reads or rotates main.log or other files', async () => {
    expect(requestLogName('/v1/chat/completions', Date.UTC(2026, 11, 8, 1, 2, 3), '3fd96da9', false)).toBe('v1-chat-completions-2026-12-08T010203-3fd96da9.log');
    expect(requestLogName('/v1beta/models/gemini-pro:generateContent', 0, 'ab12', true)).toBe('error-v1beta-models-gemini-pro-generatecontent-1970-01-01T000000-ab12.log');
    const { dir, log } = setup({ maxFiles: 1 });
    writeFileSync(path.join(dir, 'main.log'), 'app log');
    writeFileSync(path.join(dir, 'main-2026-12-08T01-00-00-000Z.log'), 'rotated app log');
    for (const id of ['aaaa1111', 'bbbb2222']) {
      const capture = log.begin({ requestId: id, method: 'POST', path: '/v1/messages', startedAt: Date.UTC(2026, 11, 8) })!;
      capture.clientRequest({ 'x-api-key': 'client-secret-value-1234' }, Buffer.from('{"hello":"client-secret-value-1234"}'));
      log.finish(capture, { status: 200, latencyMs: 5 });
      await log.idle();
    }
    expect(readdirSync(dir).sort()).toEqual(['main-2026-12-08T01-00-00-000Z.log', 'main.log', 'v1-messages-2026-12-08T000000-bbbb2222.log']);
    expect((await log.list()).map((file) => file.requestId)).toEqual(['bbbb2222']);
    expect(await log.readFile('main.log')).toBeUndefined();
    expect(await log.readFile('../config.yaml')).toBeUndefined();
    const text = (await log.readById('bbbb2222'))!.text;
    expect(text).toContain('x-api-key: clie…1234');
    expect(text).toContain('{"hello":"clie…1234"}');
    expect(text).not.toContain('client-secret-value-1234');
  });

  it('does no capture at all when both logs are off, and copies streams only in full mode', async () => {
    expect(setup({ enabled: false, errorMaxFiles: 0 }).log.begin({ requestId: 'a1', method: 'POST', path: '/v1/messages', startedAt: 0 })).toBeUndefined();
    const errorOnly = setup({ enabled: false }).log.begin({ requestId: 'a2', method: 'POST', path: '/v1/messages', startedAt: 0 })!;
    errorOnly.upstreamRequest('claude key', { method: 'POST', url: 'http://upstream', headers: {} });
    const original = Readable.from([Buffer.from('data: 1\n\n')]);
    expect(errorOnly.teeUpstream(original)).toBe(original);

    const full = setup().log.begin({ requestId: 'a3', method: 'POST', path: '/v1/messages', startedAt: 0 })!;
    full.upstreamRequest('claude key', { method: 'POST', url: 'http://upstream', headers: {} });
    const teed = full.teeUpstream(Readable.from([Buffer.from('data: 1\n\n'), Buffer.from('x'.repeat(2000))]));
    const received: Buffer[] = [];
    for await (const chunk of teed) received.push(chunk as Buffer);
    // The client side gets every byte; the copy keeps the first bodyLimitBytes and counts the rest.
    expect(Buffer.concat(received).length).toBe(2009);
    expect(full.attempts[0].response.kept).toBe(1024);
    expect(full.attempts[0].response.total).toBe(2009);
  });

  it('writes an error-only log only for failed requests while request-log is off', async () => {
    const { dir, log } = setup({ enabled: false, errorMaxFiles: 1 });
    for (const [id, status] of [['0k000001', 200], ['e0000001', 502], ['e0000002', 429]] as const) {
      const capture = log.begin({ requestId: id, method: 'POST', path: '/v1/responses', startedAt: 0 })!;
      log.finish(capture, { status, latencyMs: 1, ...(status >= 400 ? { error: 'upstream said no' } : {}) });
      await log.idle();
    }
    expect(readdirSync(dir)).toEqual(['error-v1-responses-1970-01-01T000000-e0000002.log']);
  });
});
