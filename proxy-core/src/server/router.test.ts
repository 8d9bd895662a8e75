import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';

describe('router', () => {
  it('matches exact paths, params, HEAD via GET, and reports known paths for 405', () => {
    const router = createRouter();
    const exact = () => undefined;
    const param = () => undefined;
    router.add('POST', '/v1/chat/completions', exact);
    router.add('GET', '/v1/models/:model', param);
    expect(router.match('POST', '/v1/chat/completions')?.handler).toBe(exact);
    expect(router.match('GET', '/v1/models/gpt%2F5')).toEqual({ handler: param, params: { model: 'gpt/5' } });
    expect(router.match('HEAD', '/v1/models/x')?.handler).toBe(param);
    expect(router.match('GET', '/v1/chat/completions')).toBeUndefined();
    expect(router.hasPath('/v1/chat/completions')).toBe(true);
    expect(router.match('GET', '/v1/models/a/b')).toBeUndefined();
    expect(router.match('GET', '/v1/models/%E0%A4%A')).toBeUndefined();
  });
});
