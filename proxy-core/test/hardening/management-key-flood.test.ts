import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  // configWith's plaintext management key is stored as a bcrypt hash (cost 10) at start.
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-flood" }]
    models: [{ name: "m", alias: "m" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('a flood of wrong management keys does not hold up the proxy', () => {
  it('a chat request sent among 20 parallel wrong keys is answered before the wrong keys are; excess keys are refused before hashing', async () => {
    const finished: string[] = [];
    const wrong = Array.from({ length: 20 }, (_, index) =>
      fetch(`${proxy.url}/v0/management/status`, { headers: { authorization: `Bearer wrong-management-key-${index}` } }).then(async (response) => {
        await response.arrayBuffer();
        finished.push(`wrong ${response.status}`);
      }),
    );
    const chat = fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    }).then(async (response) => {
      await response.arrayBuffer();
      finished.push(`chat ${response.status}`);
    });
    await Promise.all([...wrong, chat]);
    // Only as many keys are hashed as wrong keys are still allowed (5: four 401s, the fifth starts the delay);
    // the other 15 are refused without hashing (429), whenever they arrive.
    expect(finished.filter((entry) => entry === 'wrong 401')).toHaveLength(4);
    expect(finished.filter((entry) => entry === 'wrong 429')).toHaveLength(16);
    // The chat answer is not queued behind bcrypt: it arrives before the hashed wrong keys are answered.
    expect(finished.indexOf('chat 200')).toBeGreaterThanOrEqual(0);
    expect(finished.indexOf('chat 200')).toBeLessThan(finished.lastIndexOf('wrong 401'));
  });
});
