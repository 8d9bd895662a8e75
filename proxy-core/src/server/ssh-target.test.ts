import { describe, expect, it } from 'vitest';
import { sshTarget } from './account-services.js';

describe('the SSH tunnel hint of a login names a host the other computer can use', () => {
  it('keeps a dotted host name with the user, and replaces a bare machine name by a clear placeholder', () => {
    expect(sshTarget({ user: 'ana', host: 'build-01.example.com' })).toBe('ana@build-01.example.com');
    expect(sshTarget({ user: 'ana', host: 'vm' })).toBe('ana@<your-server>');
    expect(sshTarget({ user: 'ana', host: 'localhost.localdomain' })).toBe('ana@<your-server>');
  });
});
