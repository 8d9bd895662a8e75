import * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, createRedactor, type LogEntry, type LoggerOptions } from './index.js';

const T0 = Date.UTC(2026, 10, 23, 22, 15, 54, 123);

function setup(overrides: Partial<LoggerOptions> = {}) {
  let now = T0;
  const lines: string[] = [];
  const redactor = createRedactor();
  const logger = createLogger({
    level: 'debug',
    clock: () => now,
    redactor,
    sink: (line) => lines.push(line),
    timeZoneOffsetMinutes: 0,
    ...overrides,
  });
  return { logger, lines, redactor, advance: (ms: number) => (now += ms) };
}

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cliproxy-logs-'));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('console lines', () => {
  it('leave out fields without a value instead of printing model=undefined', () => {
    const { logger, lines } = setup();
    logger.warn('POST /v1/chat/completions 400 1ms', { method: 'POST', status: 400, model: undefined, credential: undefined, attempts: 0 });
    expect(lines).toEqual(['2026-11-23 22:15:54.123 WARN  POST /v1/chat/completions 400 1ms method=POST status=400 attempts=0']);
  });
});

describe('logger entries', () => {
  it('stamps sequence numbers, time, level, request id and fields', () => {
    const { logger } = setup();
    logger.info('server started', { port: 8317 });
    logger.child({ requestId: '3fd96da9' }).warn('upstream slow');
    expect(logger.entries()).toEqual([
      { seq: 1, time: T0, level: 'info', message: 'server started', fields: { port: 8317 } },
      { seq: 2, time: T0, level: 'warn', message: 'upstream slow', requestId: '3fd96da9' },
    ]);
  });

  it('redacts registered secrets and key patterns in messages and nested fields before storing', () => {
    const { logger, lines, redactor } = setup();
    redactor.setSecrets(['client-key-abcdef-123']);
    const seen: LogEntry[] = [];
    logger.subscribe((entry) => seen.push(entry));
    logger.error('client-key-abcdef-123 got 401', {
      request: { headers: { authorization: 'Bearer sk-live-0123456789abcdefXYZ' }, url: '/v1beta/models?key=AIzaSyD3f8Gh2Jk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab1c' },
    });
    const [entry] = logger.entries();
    expect(entry.message).toBe('clie…-123 got 401');
    expect(entry.fields).toEqual({ request: { headers: { authorization: 'Bear…fXYZ' }, url: '/v1beta/models?key=AIza…Ab1c' } });
    const everything = JSON.stringify([logger.entries(), seen, lines]);
    expect(everything).not.toContain('client-key-abcdef-123');
    expect(everything).not.toContain('sk-live-0123456789abcdefXYZ');
    expect(everything).not.toContain('AIzaSyD3f8Gh2Jk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab1c');
  });

  it('drops entries below the level and follows setLevel', () => {
    const { logger } = setup({ level: 'warn' });
    let built = false;
    logger.debug('hidden', {
      get expensive() {
        built = true;
        return 1;
      },
    });
    logger.info('hidden too');
    logger.warn('shown');
    expect(built).toBe(false);
    expect(logger.level()).toBe('warn');
    expect(logger.enabled('info')).toBe(false);
    logger.setLevel('debug');
    logger.debug('now shown');
    expect(logger.entries().map((entry) => entry.message)).toEqual(['shown', 'now shown']);
    expect(logger.entries().map((entry) => entry.seq)).toEqual([1, 2]);
    expect(() => logger.setLevel('verbose' as never)).toThrow(/use one of debug, info, warn, error/);
  });

  it('keeps only the newest ringSize entries and filters by after, limit, level, request id and text', () => {
    const { logger } = setup({ ringSize: 5 });
    for (let index = 1; index <= 8; index += 1) {
      const target = index % 2 === 0 ? logger.child({ requestId: 'even' }) : logger;
      target[index % 3 === 0 ? 'error' : 'info'](`message ${index}`, { n: index });
    }
    const seqs = (entries: LogEntry[]) => entries.map((entry) => entry.seq);
    expect(seqs(logger.entries())).toEqual([4, 5, 6, 7, 8]);
    expect(seqs(logger.entries({ after: 5 }))).toEqual([6, 7, 8]);
    expect(seqs(logger.entries({ limit: 2 }))).toEqual([7, 8]);
    expect(seqs(logger.entries({ after: 4, limit: 2 }))).toEqual([7, 8]);
    expect(seqs(logger.entries({ level: 'error' }))).toEqual([6]);
    expect(seqs(logger.entries({ requestId: 'even' }))).toEqual([4, 6, 8]);
    expect(seqs(logger.entries({ contains: 'MESSAGE 7' }))).toEqual([7]);
    expect(seqs(logger.entries({ contains: '"n":5' }))).toEqual([5]);
    expect(logger.entries({ after: 8 })).toEqual([]);
  });

  it('delivers each entry to subscribers until they unsubscribe, and survives a throwing subscriber', () => {
    const { logger } = setup({ level: 'info' });
    const received: string[] = [];
    logger.subscribe(() => {
      throw new Error('dead connection');
    });
    const unsubscribe = logger.subscribe((entry) => received.push(`${entry.seq}:${entry.requestId ?? '-'}:${entry.message}`));
    logger.info('one');
    logger.child({ requestId: 'abc' }).info('two');
    logger.debug('below level');
    unsubscribe();
    logger.info('three');
    expect(received).toEqual(['1:-:one', '2:abc:two']);
    expect(logger.entries()).toHaveLength(3);
  });
});

describe('logger text lines', () => {
  it('formats one line per entry without colours', () => {
    const { logger, lines } = setup();
    logger.child({ requestId: '3fd96da9' }).info('request done', { status: 200, model: 'gpt-5', note: 'two words' });
    logger.debug('multi\nline');
    expect(lines).toEqual([
      '2026-11-23 22:15:54.123 INFO  [req 3fd96da9] request done status=200 model=gpt-5 note="two words"',
      '2026-11-23 22:15:54.123 DEBUG multi\\nline',
    ]);
  });

  it('writes local time for the given offset', () => {
    const { logger, lines } = setup({ timeZoneOffsetMinutes: -300 });
    logger.warn('x');
    expect(lines[0]).toBe('2026-11-23 17:15:54.123 WARN  x');
  });
});

describe('logger file output', () => {
  it('appends lines to main.log and rotates at maxBytes, keeping maxFiles rotated files', () => {
    const dir = join(temporaryDir(), 'nested', 'logs');
    const { logger, advance } = setup({ sink: undefined });
    logger.setFileOutput({ dir, maxBytes: 200, maxFiles: 2 });
    for (let index = 0; index < 12; index += 1) {
      logger.info(`line ${String(index).padStart(2, '0')} ${'x'.repeat(40)}`);
      advance(1000);
    }
    logger.close();
    const names = readdirSync(dir).sort();
    const rotated = names.filter((name) => name !== 'main.log');
    expect(names).toContain('main.log');
    expect(rotated).toHaveLength(2);
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(200);
    // Every line of 12 went somewhere, newest in main.log, and the kept rotated files are the newest ones.
    const main = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(main).toContain('line 11');
    const kept = rotated.map((name) => readFileSync(join(dir, name), 'utf8')).join('');
    const allLines = (kept + main).trim().split('\n');
    expect(allLines.at(-1)).toMatch(/INFO {2}line 11 x+$/);
    const numbers = allLines.map((line) => Number(/line (\d+)/.exec(line)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('deletes the oldest rotated files beyond maxTotalBytes, including files from an earlier run', () => {
    const dir = temporaryDir();
    writeFileSync(join(dir, 'main-2020-01-01T00-00-00-000Z.log'), 'old\n'.repeat(150));
    writeFileSync(join(dir, 'unrelated.txt'), 'keep me');
    const { logger } = setup({ sink: undefined });
    logger.setFileOutput({ dir, maxBytes: 150, maxFiles: 10, maxTotalBytes: 400 });
    expect(readdirSync(dir)).not.toContain('main-2020-01-01T00-00-00-000Z.log');
    for (let index = 0; index < 20; index += 1) logger.info(`entry ${index} ${'y'.repeat(30)}`);
    logger.close();
    const files = readdirSync(dir);
    expect(files).toContain('unrelated.txt');
    const total = files.filter((name) => name.startsWith('main')).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    expect(total).toBeLessThanOrEqual(400);
    expect(files.filter((name) => /^main-.+\.log$/.test(name)).length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('entry 19');
  });

  it('continues an existing main.log and stops writing when turned off', () => {
    const dir = temporaryDir();
    writeFileSync(join(dir, 'main.log'), 'from last run\n');
    const { logger } = setup({ sink: undefined });
    logger.setFileOutput({ dir });
    logger.info('appended');
    logger.setFileOutput(null);
    logger.info('memory only');
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('from last run\n2026-11-23 22:15:54.123 INFO  appended\n');
    expect(logger.entries().map((entry) => entry.message)).toEqual(['appended', 'memory only']);
  });

  it('reports a failing log file once in the logs and keeps logging in memory', () => {
    const target = temporaryDir();
    const fs = { ...nodeFs, appendFileSync: () => { throw new Error('ENOSPC: no space left on device'); } };
    const { logger } = setup({ sink: undefined, fs });
    logger.setFileOutput({ dir: target });
    logger.info('first');
    logger.info('second');
    const entries = logger.entries();
    expect(entries.map((entry) => entry.level)).toEqual(['info', 'error', 'info']);
    expect(entries[1].message).toContain(`Stopped writing the log file ${join(target, 'main.log')}: ENOSPC`);
    logger.close();
  });
});
