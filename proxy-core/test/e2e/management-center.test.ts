/**
 * CLIProxyAPI's own Management Center web panel (router-for-me/Cli-Proxy-API-Management-Center, built from its
 * public source by `node scripts/build-management-center.mjs`) against this proxy in headless Chromium. Not part of
 * `npm test` (a large npm install, then about a minute in Chromium): `npm run test:panel` builds it into the cache
 * and runs this file with CLIPROXY_PANEL_E2E=1; CLIPROXY_PANEL_SHOTS=<folder> keeps a screenshot per page.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/testing/chromium.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

const PANEL = path.join(process.env.CLIPROXY_PANEL_DIR ?? path.join(os.homedir(), '.cache', 'cliproxy-desktop', 'management-center'), 'management.html');
const SHOTS = process.env.CLIPROXY_PANEL_SHOTS;

describe.skipIf(!process.env.CLIPROXY_PANEL_E2E)('the reference Management Center against this proxy', () => {
  let fake: FakeUpstream;
  let proxy: TestProxy;
  let browser: Browser;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    if (!existsSync(PANEL)) throw new Error(`No panel build at ${PANEL}: run \`node scripts/build-management-center.mjs\` first (or \`npm run test:panel\`).`);
    fake = await startFakeUpstream();
    proxy = await startTestProxy(`host: 127.0.0.1
port: 8317
logging-to-file: true
auth-dir: "$AUTH_DIR"
api-keys: ["${CLIENT_KEY}", "sk-second-client-key-0002"]
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
claude-api-key:
  - api-key: "sk-ant-panel-upstream-0001"
    base-url: "${fake.url}"
    models: [{ name: "claude-upstream", alias: "claude-panel" }]
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-panel-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-panel" }]
`);
    mkdirSync(path.join(proxy.dir, 'static'), { recursive: true });
    copyFileSync(PANEL, path.join(proxy.dir, 'static', 'management.html'));
    mkdirSync(path.join(proxy.dir, 'auth'), { recursive: true });
    writeFileSync(path.join(proxy.dir, 'auth', 'claude-panel@example.com.json'), JSON.stringify({ type: 'claude', email: 'panel@example.com', access_token: 'at-panel-0001', refresh_token: 'rt-panel-0001', expired: '2099-01-01T00:00:00Z' }), { mode: 0o600 });
    for (const model of ['chat-panel', 'chat-panel', 'no-such-model']) {
      await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/v0/management/') && response.status() >= 400) failures.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
    });
    await page.goto(`${proxy.url}/management.html`);
    await page.getByPlaceholder(/key/i).first().fill(MANAGEMENT_KEY);
    await page.getByText('Remember password').click();
    await page.getByRole('button', { name: 'Login', exact: true }).click();
    await page.waitForURL(/#\/(dashboard)?$/, { timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await fake?.close();
  });

  const visit = async (route: string, expected: RegExp[]) => {
    // A fresh load per page (the panel keeps its login in localStorage), so one page's state never leaks into the next.
    await page.goto('about:blank');
    await page.goto(`${proxy.url}/management.html#${route}`);
    for (const pattern of expected) await expect.poll(async () => page.locator('main').innerText(), { timeout: 15_000, message: `${route} shows ${pattern}` }).toMatch(pattern);
    if (SHOTS) {
      await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
      await page.screenshot({ path: path.join(SHOTS, `${route.replaceAll('/', '_') || 'root'}.png`), fullPage: true });
    }
  };

  // What each page of the panel shows from this proxy (the texts are the panel's English UI).
  const PAGES: Array<[string, RegExp[]]> = [
    ['/', [/REQUESTS HANDLED\s+LIVE\s+2\b/, /Success rate\s+100%/, /Fakeai\s+Credentials: 1\s+2\s+requests/, /File logging\s+Yes/]],
    ['/ai-providers', [/Claude\s+1\/1 active/, /OpenAI Compatible\s+1\/1 active/]],
    ['/auth-files', [/claude-panel@example\.com/, /1 credentials\s+·\s+1 active(?!\s+·\s+1 problem)/]],
    ['/auth-files/oauth-excluded', [/OAuth Model Disablement/]],
    ['/auth-files/oauth-model-alias', [/OAuth Model Aliases/]],
    ['/oauth', [/Start Anthropic Login/]],
    ['/quota', [/claude-panel@example\.com\.json/]],
    ['/config', [/In sync/, /API Keys List \(api-keys\)\s+Add API Key\s+#1/]],
    ['/logs', [/POST \/v1\/chat\/completions 200/, /POST \/v1\/chat\/completions 404/]],
    ['/system', [/CLI Proxy API Version/, /chat-panel/, /claude-panel/]],
  ];

  it.each(PAGES)('page %s loads and shows this proxy\'s data', async (route, expected) => {
    await visit(route, expected);
  });

  it('config page: switching Debug Mode on and saving writes debug: true, and the keys survive the redacted round trip', async () => {
    await visit('/config', [/Enable verbose debug logging/]);
    // The switch nearest to the "Debug Mode" label (the panel's switches are styled checkboxes).
    await page.evaluate(() => {
      let node = [...document.querySelectorAll('main *')].find((element) => element.childElementCount === 0 && element.textContent?.trim() === 'Debug Mode') ?? null;
      while (node && !node.querySelector('input[type=checkbox]')) node = node.parentElement;
      (node?.querySelector('input[type=checkbox]') as HTMLInputElement | null)?.click();
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Confirm Save' }).click();
    await expect.poll(() => parse(readFileSync(proxy.configPath, 'utf8')).debug, { timeout: 15_000 }).toBe(true);
    const saved = parse(readFileSync(proxy.configPath, 'utf8'));
    expect(saved['api-keys']).toEqual([CLIENT_KEY, 'sk-second-client-key-0002']);
    expect(saved['claude-api-key'][0]['api-key']).toBe('sk-ant-panel-upstream-0001');
    expect(saved['remote-management']['secret-key']).toMatch(/^\$2[aby]\$/);
  });

  it('no management call the panel made failed', () => {
    expect(failures).toEqual([]);
  });
});
