import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// SQLite that cannot load (a native module built for another runtime) costs the usage history, never the proxy.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "m" }]
`),
    {
      deps: {
        openUsageStore: () => {
          throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115');
        },
      },
    },
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

it('starts, answers requests, reports empty usage and says why in the log', async () => {
  const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
  const usage = await management(proxy, 'GET', '/usage/report');
  expect(usage.status).toBe(200);
  expect(usage.body.summary.requests).toBe(0);
  expect(proxy.logs.some((line) => /Usage history is off in this run: SQLite could not be loaded \(The module was compiled/.test(line))).toBe(true);
});
