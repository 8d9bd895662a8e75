import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createBcryptVerifier } from './bcrypt-verifier.js';

describe('bcrypt verifier', () => {
  it('compares in a worker thread: right and wrong keys, many at once', async () => {
    const verifier = createBcryptVerifier();
    try {
      const hash = bcrypt.hashSync('the-key', 4);
      const answers = await Promise.all([verifier.compare('the-key', hash), verifier.compare('other', hash), verifier.compare('the-key', hash), verifier.compare('the-key', 'not-a-hash')]);
      expect(answers).toEqual([true, false, true, false]);
    } finally {
      verifier.close();
    }
  });
});
