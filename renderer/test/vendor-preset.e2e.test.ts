/**
 * A one-click OpenAI-compatible vendor added from the dashboard's Add-key form in a real headless Chromium:
 * no model names typed, the models arrive from the vendor's `/models` (a fake), and clients can use them.
 * Screenshots go to test-artifacts/ui/ (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
const VENDOR_KEY = 'sk-deepseek-pasted-key-7731';

let fixture: DashboardFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function clientModelIds(): Promise<string[]> {
  const response = await fetch(`${fixture.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
  return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [fixture, browser] = await Promise.all([startDashboardFixture({ automaticModelLists: true }), launchChromium()]);
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
});
