/**
 * The Requests page in a real headless Chromium against the real proxy: the per-request table, its filters, the
 * accounts tried, the logged bodies (error-only by default, everything after the Settings switch) and "Replay".
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

let fixture: DashboardFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const tableRows = () => page.locator('.requests-table tbody tr');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (message) => {
    // 404: a request without a log file, asked for on purpose.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${fixture.url}/ui`);
  await page.getByLabel('Management key').fill(MANAGEMENT_KEY);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

describe('requests page', () => {
  it('lists each request with key label, models, account, status and tokens, and filters by status', async () => {
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await expect.poll(() => tableRows().count(), { timeout: 7000 }).toBe(4);
    const text = await page.locator('.requests-table').textContent();
    expect(text).toContain('fake-large');
    expect(text).toContain('fake-mini');
    expect(text).toContain('claude-sonnet-4-5');
    expect(text).toContain('sk-d…0001#');
    expect(text).not.toContain(CLIENT_KEY);
    // No price for the fake models, and the priced Claude request failed: no cost anywhere.
    expect(await page.locator('.requests-table thead').textContent()).toContain('Est. cost');
    await shot('20-requests');

    await page.getByLabel('Status').selectOption('failure');
    await expect.poll(() => tableRows().count()).toBe(1);
    await expect(tableRows().first().textContent()).resolves.toContain('429');
    await page.getByLabel('Status').selectOption('');
    await expect.poll(() => tableRows().count()).toBe(4);
    await page.getByPlaceholder('Model (asked or served)').fill('fake-mini');
    await expect.poll(() => tableRows().count()).toBe(1);
    await page.getByPlaceholder('Model (asked or served)').fill('');
    await expect.poll(() => tableRows().count()).toBe(4);
  });

  it('opens a failed request: the account that failed and why, its error-only log, and a replay', async () => {
    await page.getByLabel('Status').selectOption('failure');
    await expect.poll(() => tableRows().count()).toBe(1);
    await tableRows().first().getByRole('button').click();
    const detail = page.getByRole('complementary', { name: 'Request details' });
    await detail.getByText('failed 429').waitFor();
    await detail.getByText('Number of requests has exceeded your rate limit.', { exact: false }).first().waitFor();
    // With request-log off, failed requests still keep their log: the client's request is there, the key masked.
    const clientRequest = detail.locator('details', { hasText: 'Client request' }).locator('pre');
    await expect.poll(() => clientRequest.textContent()).toContain('"content":"hello"');
    await expect(detail.textContent()).resolves.not.toContain(CLIENT_KEY);
    await expect(detail.textContent()).resolves.not.toContain('sk-ant-upstream-secret-0001');
    await detail.getByRole('button', { name: 'Replay this request' }).click();
    // The Claude key is still cooling down: the replay fails the same way, as a new request.
    const replay = detail.getByRole('region', { name: 'Replay result' });
    await replay.waitFor();
    await expect(replay.textContent()).resolves.toMatch(/Replayed: 429.*new request [0-9a-f]{8}/);
    await shot('21-request-failed-replayed');
    await page.getByLabel('Status').selectOption('');
    await expect.poll(() => tableRows().count()).toBe(5);
  });

  it('turns request logs on in Settings, then shows the full bodies of a successful request', async () => {
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('switch', { name: 'Request logs' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings applied.' }).waitFor();
    expect(readFileSync(fixture.configPath, 'utf8')).toMatch(/^request-log: true$/m);

    const answer = await fixture.chat('fake-mini', 'please log my whole request');
    const requestId = answer.headers.get('x-request-id')!;
    await answer.text();
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Requests' }).click();
    const button = page.getByRole('button', { name: `Open request ${requestId}` });
    await button.waitFor({ timeout: 10_000 });
    await button.click();
    const detail = page.getByRole('complementary', { name: 'Request details' });
    await detail.getByText('answered').waitFor();
    await expect.poll(() => detail.locator('details', { hasText: 'Client request' }).locator('pre').textContent()).toContain('please log my whole request');
    const sections = await detail.locator('details summary').allTextContents();
    // Round-robin picks either fakeai key; which one is named, masked.
    expect(sections).toEqual(['Request info', 'Client request', expect.stringMatching(/^Upstream request 1 \(fakeai sk-u…000[12]\)$/), 'Upstream response 1', 'Client response']);
    await expect(detail.locator('details', { hasText: 'Client response' }).locator('pre').textContent()).resolves.toContain('"chat.completion"');
    await shot('22-request-full-log');

    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Usage' }).click();
    await expect.poll(() => page.locator('.stat', { hasText: 'Estimated cost' }).locator('.stat-value').textContent()).toBe('$0');
    await shot('23-usage-cost');
    expect(problems).toEqual([]);
  });
});
