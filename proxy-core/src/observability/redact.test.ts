import { describe, expect, it } from 'vitest';
import { createRedactor } from './index.js';

const OPENAI_KEY = 'sk-proj-4f9aQz81LmNoPq27RsTuVwXyZ0abcd';
const ANTHROPIC_KEY = 'sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jihg';
const GOOGLE_KEY = 'AIzaSyD3f8Gh2Jk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab1c';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLXZhbHVlLTEyMw';

describe('mask', () => {
  it('keeps the first and last four characters of long secrets and hides short ones entirely', () => {
    const redactor = createRedactor();
    expect(redactor.mask('sk-abcdefgh-wxyz')).toBe('sk-a…wxyz');
    expect(redactor.mask('abcdefghijk')).toBe('****');
  });
});

describe('redact: registered secrets', () => {
  it('masks every occurrence of a registered secret inside a message', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['my-client-key-0001', 'short']);
    expect(redactor.redact('key my-client-key-0001 rejected; retried with my-client-key-0001')).toBe('key my-c…0001 rejected; retried with my-c…0001');
    expect(redactor.redact('password short')).toBe('password ****');
  });

  it('prefers the longest secret when one contains another', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['abcd1234', 'abcd1234efgh5678']);
    expect(redactor.redact('x abcd1234efgh5678 y abcd1234 z')).toBe('x abcd…5678 y **** z');
  });

  it('replaces the previous secrets when called again', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['first-secret-value']);
    redactor.setSecrets(['second-secret-value']);
    expect(redactor.redact('first-secret-value second-secret-value')).toBe('first-secret-value seco…alue');
  });

  it('treats secrets as literal text, not regex syntax, and finds their URL-encoded spelling', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['a+b.c*d(e)f?g/h=']);
    expect(redactor.redact('raw a+b.c*d(e)f?g/h= encoded a%2Bb.c*d(e)f%3Fg%2Fh%3D done')).toBe('raw a+b.…g/h= encoded a+b.…g/h= done');
    expect(redactor.redact('aXb.cccd(e)f?g/h=')).toBe('aXb.cccd(e)f?g/h=');
  });

  it('ignores secrets under four characters, which would wreck every line', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['ab', '']);
    expect(redactor.redact('about a tab')).toBe('about a tab');
  });
});

describe('redact: unregistered patterns', () => {
  const redactor = createRedactor();
  const cases: Array<[string, string, string]> = [
    ['Authorization header', `Authorization: Bearer ${OPENAI_KEY}`, 'Authorization: Bearer sk-p…abcd'],
    ['Bearer in prose', 'retrying with Bearer ya29a0AfB_byC7x9 now', 'retrying with Bearer ya29…C7x9 now'],
    ['OpenAI key', `using ${OPENAI_KEY}.`, 'using sk-p…abcd.'],
    ['Anthropic key', `key=${ANTHROPIC_KEY}`, 'key=sk-a…Jihg'],
    ['Google key', `api ${GOOGLE_KEY} failed`, 'api AIza…Ab1c failed'],
    ['JWT', `id_token ${JWT} expired`, 'id_token eyJh…EyMw expired'],
    ['x-api-key header', 'x-api-key: plainvalue123456', 'x-api-key: plai…3456'],
    ['x-goog-api-key header', 'X-Goog-Api-Key: short1', 'X-Goog-Api-Key: ****'],
    ['x-api-key in JSON', '{"x-api-key":"plainvalue123456"}', '{"x-api-key":"plai…3456"}'],
    ['?key= query', 'POST /v1beta/models/gemini:generateContent?key=plainvalue123456&alt=sse', 'POST /v1beta/models/gemini:generateContent?key=plai…3456&alt=sse'],
    ['access_token JSON', '{"access_token":"opaque-access-1234567","expires_in":3600}', '{"access_token":"opaq…4567","expires_in":3600}'],
    ['refresh_token JSON', '{"refresh_token": "1//0gopaque-refresh"}', '{"refresh_token": "1//0…resh"}'],
    ['api-key JSON', '{"api-key":"tiny"}', '{"api-key":"****"}'],
    ['secret-key JSON', '{"secret-key":"management-secret-99"}', '{"secret-key":"mana…t-99"}'],
    ['form body', 'grant_type=refresh_token&refresh_token=opaque-refresh-777&client_secret=GOCSPX-abcdef', 'grant_type=refresh_token&refresh_token=opaq…-777&client_secret=GOCS…cdef'],
    ['proxy URL password', 'via socks5://user:hunter2hunter2@127.0.0.1:1080', 'via socks5://user:hunt…ter2@127.0.0.1:1080'],
  ];

  it.each(cases)('masks %s', (_name, input, expected) => {
    expect(redactor.redact(input)).toBe(expected);
  });

  it('leaves ordinary log text alone', () => {
    const text = 'Bearer authentication failed for model gpt-5 at http://localhost:8317/v1 (task-assessment, sort key)';
    expect(redactor.redact(text)).toBe(text);
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = redactor.redact(`Authorization: Bearer ${OPENAI_KEY} {"api-key":"${GOOGLE_KEY}"} ?key=${GOOGLE_KEY}`);
    expect(once).not.toContain(OPENAI_KEY);
    expect(once).not.toContain(GOOGLE_KEY);
    expect(redactor.redact(once)).toBe(once);
  });
});

describe('redactValue', () => {
  it('masks strings under secret-looking keys and redacts nested strings, without touching the input', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['registered-secret-42']);
    const input = {
      headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'short', Cookie: 'session=abcdef1234567890' },
      body: { note: 'uses registered-secret-42 inside', nested: [{ refreshToken: 'rt-0123456789abcdef' }] },
      usage: { inputTokens: 120, totalTokens: 300 },
      password: 'hunter2',
      model: 'gpt-5',
    };
    const snapshot = structuredClone(input);
    const output = redactor.redactValue(input);
    expect(output).toEqual({
      headers: { Authorization: 'Basi…YXNz', 'x-api-key': '****', Cookie: 'sess…7890' },
      body: { note: 'uses regi…t-42 inside', nested: [{ refreshToken: 'rt-0…cdef' }] },
      usage: { inputTokens: 120, totalTokens: 300 },
      password: '****',
      model: 'gpt-5',
    });
    expect(input).toEqual(snapshot);
  });

  it('masks every string inside an object stored under a secret key', () => {
    const redactor = createRedactor();
    expect(redactor.redactValue({ token: { access: 'opaque-access-value', expiry: 5 } })).toEqual({ token: { access: 'opaq…alue', expiry: 5 } });
  });

  it('turns errors, dates, buffers and cycles into loggable values', () => {
    const redactor = createRedactor();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const error = Object.assign(new Error(`upstream said: invalid key ${OPENAI_KEY}`), { code: 'E_UPSTREAM' });
    expect(redactor.redactValue({ error, at: new Date(0), bytes: Buffer.from('abc'), cyclic })).toEqual({
      error: { name: 'Error', message: 'upstream said: invalid key sk-p…abcd', code: 'E_UPSTREAM' },
      at: '1970-01-01T00:00:00.000Z',
      bytes: '[3 bytes]',
      cyclic: { name: 'loop', self: '[Circular]' },
    });
  });

  it('keeps values a caller already masked', () => {
    const redactor = createRedactor();
    expect(redactor.redactValue({ apiKey: 'sk-a…wxyz' })).toEqual({ apiKey: 'sk-a…wxyz' });
  });
});
