/**
 * A one-click OpenAI-compatible vendor added from the dashboard's Add-key form in a real headless Chromium:
 * no model names typed, the models arrive from the vendor's `/models` (a fake), and clients can use them.
 * Then a Vertex AI service-account key uploaded from the Accounts page (tokens from a fake Google).
 * Screenshots go to test-artifacts/ui/ (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { startFakeGoogleServiceAccount, type FakeGoogleServiceAccount } from '../../proxy-core/src/testing/index.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
const VENDOR_KEY = 'sk-deepseek-pasted-key-7731';

let fixture: DashboardFixture;
let google: FakeGoogleServiceAccount;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function clientModelIds(): Promise<string[]> {
  const response = await fetch(`${fixture.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
  return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  google = await startFakeGoogleServiceAccount();
  [fixture, browser] = await Promise.all([startDashboardFixture({ automaticModelLists: true, oauthEndpoints: { vertex: { token: google.tokenUrl } } }), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await google?.close();
});

describe('vendor templates in the Add-key form', () => {
  it('DeepSeek from the template: name and base URL filled in, no models typed, models arrive from its /models', async () => {
    await page.goto(`${fixture.url}/ui`);
    await page.getByLabel('Management key').fill(MANAGEMENT_KEY);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Accounts' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();

    await page.getByRole('button', { name: 'Add API key' }).click();
    const form = page.getByRole('form', { name: 'Add an API key' });
    await form.getByText('OpenAI-compatible', { exact: true }).click();
    await form.getByLabel('Vendor').selectOption({ label: 'DeepSeek' });
    expect(await form.getByLabel('Name').inputValue()).toBe('deepseek');
    expect(await form.getByLabel('Base URL').inputValue()).toBe('https://api.deepseek.com');
    await form.getByRole('button', { name: 'Get a DeepSeek key' }).waitFor();
    expect(await form.getByLabel(/^Models/).inputValue()).toBe('');

    // The vendor answers at a gateway here (the fake); the models box stays empty.
    fixture.fake.listedModels = ['deepseek-chat', 'deepseek-reasoner'];
    await form.getByLabel('Base URL').fill(`${fixture.fake.url}/deepseek`);
    await form.getByLabel('API key').fill(VENDOR_KEY);
    await page.screenshot({ path: path.join(ARTIFACTS, '20-vendor-preset-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Add DeepSeek key' }).click();
    await page.locator('.toast', { hasText: 'DeepSeek key added. Saved to config.yaml.' }).waitFor();

    // The live list asks {base-url}/models with the pasted key, and its ids reach clients.
    await fixture.fake.waitFor((requests) => requests.some((request) => request.method === 'GET' && request.path === '/deepseek/models' && request.apiKey === VENDOR_KEY));
    await expect.poll(clientModelIds).toEqual(expect.arrayContaining(['deepseek-chat', 'deepseek-reasoner']));
    const config = readFileSync(fixture.configPath, 'utf8');
    expect(config).toMatch(/- name: deepseek\n\s+base-url: http:\/\/127\.0\.0\.1:\d+\/deepseek\n\s+api-key-entries:\n\s+- api-key: sk-deepseek-pasted-key-7731\n/);
    expect(config).toContain('# CLIProxy test config');

    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Models' }).first().click();
    const row = page.locator('tr[data-model="deepseek-reasoner"]');
    await row.waitFor();
    expect(await row.locator('.model-cell [data-source]').allTextContents()).toEqual(['live']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, '21-vendor-preset-models.png'), fullPage: true });

    // A client's request for a listed model goes to the vendor with the pasted key.
    const answer = await fixture.chat('deepseek-chat');
    expect(answer.status).toBe(200);
    const sent = fixture.fake.requests.filter((request) => request.path === '/deepseek/chat/completions');
    expect(sent.map((request) => [request.apiKey, (request.body as { model: string }).model])).toEqual([[VENDOR_KEY, 'deepseek-chat']]);
    expect(problems).toEqual([]);
  });

  it('Vertex AI: a service-account key uploaded on the Accounts page becomes an account whose token the proxy gets from Google', async () => {
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Accounts' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const form = page.getByRole('form', { name: 'Import a Vertex AI service account' });
    await form.getByRole('button', { name: 'Import key' }).click();
    await form.getByText('Choose the JSON key file first.').waitFor();
    await form.getByLabel('Service-account key (JSON)').setInputFiles({ name: 'key.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(google.serviceAccount)) });
    await form.getByLabel('Location').fill('europe-west4');
    await form.getByRole('button', { name: 'Import key' }).click();
    await page.locator('.toast', { hasText: 'Vertex AI service account proxy@vertex-test-project.iam.gserviceaccount.com (vertex-test-project, europe-west4) imported to vertex-vertex-test-project.json.' }).waitFor();
    const saved = JSON.parse(readFileSync(path.join(fixture.dir, 'auth', 'vertex-vertex-test-project.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'vertex', project_id: 'vertex-test-project', location: 'europe-west4', service_account: google.serviceAccount });
    // The account is listed, and the proxy minted its token at the (fake) Google token endpoint.
    const card = page.locator('article.sub-account', { hasText: 'proxy@vertex-test-project.iam.gserviceaccount.com' });
    await card.getByText('Vertex AI', { exact: true }).waitFor();
    await expect.poll(() => google.issued.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Refresh token' }).click();
    await card.getByText(/Valid until/).waitFor();
    await card.getByText(/Refreshed/).first().waitFor();
    await expect.poll(clientModelIds).toContain('gemini-3.5-flash');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, '22-vertex-import.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
