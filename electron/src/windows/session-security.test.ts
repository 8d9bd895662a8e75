import { describe, expect, it } from 'vitest';
import { hardenSession, withContentSecurityPolicy, type SessionLike } from './session-security.js';

const CSP = "default-src 'self'";

function fakeSession() {
  const captured: {
    request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
    headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  } = {};
  const session: SessionLike = {
    setPermissionRequestHandler: (handler) => void (captured.request = handler),
    setPermissionCheckHandler: (handler) => void (captured.check = handler),
    webRequest: { onHeadersReceived: (listener) => void (captured.headers = listener) },
  };
  hardenSession(session, { csp: CSP, origin: () => 'http://127.0.0.1:8317' });
  return captured;
}

describe('session security', () => {
  it('adds a CSP to responses without one and keeps the dashboard\'s own', () => {
    expect(withContentSecurityPolicy({ 'content-type': ['text/plain'] }, CSP)).toEqual({ 'content-type': ['text/plain'], 'Content-Security-Policy': [CSP] });
    const own = { 'content-security-policy': ["default-src 'none'"] };
    expect(withContentSecurityPolicy(own, CSP)).toEqual(own);
    const session = fakeSession();
    let result: unknown;
    session.headers!({ responseHeaders: undefined }, (response) => (result = response));
    expect(result).toEqual({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
  });

  it('grants no permission except clipboard writes from the dashboard', () => {
    const session = fakeSession();
    const ask = (url: string, permission: string) => {
      let granted: boolean | undefined;
      session.request!({ getURL: () => url }, permission, (value) => (granted = value));
      return granted;
    };
    expect(ask('http://127.0.0.1:8317/ui/', 'clipboard-sanitized-write')).toBe(true);
    expect(ask('http://127.0.0.1:8317/ui/', 'media')).toBe(false);
    expect(ask('http://127.0.0.1:8317/ui/', 'notifications')).toBe(false);
    expect(ask('https://evil.example/', 'clipboard-sanitized-write')).toBe(false);
    expect(session.check!(null, 'geolocation', 'http://127.0.0.1:8317')).toBe(false);
    expect(session.check!(null, 'clipboard-sanitized-write', 'http://127.0.0.1:8317')).toBe(true);
  });
});
