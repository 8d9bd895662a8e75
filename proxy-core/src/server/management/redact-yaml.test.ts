import { describe, expect, it } from 'vitest';
import { redactSecrets, restoreSecrets } from './redact-yaml.js';

describe('redactSecrets / restoreSecrets', () => {
  it('hides every secret in the text and restores the originals from the tokens', () => {
    const text = 'api-keys: ["sk-client-1234567890"]\nclaude-api-key:\n  - api-key: sk-ant-abcdefghijklmnop # main\n';
    const secrets = ['sk-client-1234567890', 'sk-ant-abcdefghijklmnop'];
    const redacted = redactSecrets(text, secrets);
    expect(redacted).not.toContain('sk-client-1234567890');
    expect(redacted).not.toContain('sk-ant-abcdefghijklmnop');
    expect(redacted).toContain('# main');
    const edited = redacted.replace('# main', '# primary');
    expect(restoreSecrets(edited, secrets)).toEqual({ text: text.replace('# main', '# primary'), unknown: [] });
  });

  it('reports tokens it cannot restore', () => {
    expect(restoreSecrets('api-keys: [REDACTED(sk-x…yyyy#deadbeef)]', ['other-secret']).unknown).toHaveLength(1);
  });
});
