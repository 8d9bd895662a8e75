/**
 * "Connect your tools" in a real headless Chromium against the real proxy: a detected Codex config pointing
 * elsewhere is previewed (diff, key masked), applied (comments kept) and reverted to its exact bytes.
 * Screenshots go to test-artifacts/ui/ (git-ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
const ORIGINAL = `# my Codex settings
model = "gpt-5" # the company default
model_provider = "company"

[model_providers.company]
name = "Company gateway"
base_url = "https://gateway.example.com/v1"
wire_api = "responses"
`;

let fixture: DashboardFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const codexFile = () => path.join(fixture.dir, '.codex', 'config.toml');
const card = () => page.locator('section.connect-card', { has: page.locator('[data-client="codex"]') });

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchChromium()]);
  mkdirSync(path.join(fixture.dir, '.codex'));
  writeFileSync(codexFile(), ORIGINAL);
  const context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.url });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
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

describe('Connect your tools', () => {
  it('lists the detected Codex first, pointing elsewhere', async () => {
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'Connect your tools' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect your tools' }).waitFor();
    await card().locator('[data-client-state="elsewhere"]').waitFor();
    await expect(card().textContent()).resolves.toContain('Points at https://gateway.example.com/v1, not this proxy.');
    const first = await page.locator('[aria-label="Tools with settings files"] [data-client]').first().getAttribute('data-client');
    expect(first).toBe('codex');
  });

  it('previews the diff for the chosen model with the key masked, and writes nothing yet', async () => {
    await card().getByLabel('Default model').selectOption('fake-large');
    await card().getByRole('button', { name: 'Preview diff' }).click();
    const diff = card().locator('.diff-body');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('-model = "gpt-5" # the company default');
    expect(text).toContain('+model = "fake-large" # the company default');
    expect(text).toContain('+model_provider = "cliproxy"');
    expect(text).toContain(`+base_url = "${fixture.url}/v1"`);
    expect(text).toContain('+experimental_bearer_token = "sk-d…0001"');
    expect(await page.content()).not.toContain(CLIENT_KEY);
    expect(readFileSync(codexFile(), 'utf8')).toBe(ORIGINAL);
    await shot('connect-01-preview');
  });

  it('applies: the file keeps its comments and the other provider, and the card says it points here', async () => {
    await card().getByRole('button', { name: 'Apply these changes' }).click();
    await card().locator('[data-client-state="this-proxy"]').waitFor();
    const written = readFileSync(codexFile(), 'utf8');
    expect(written.startsWith('# my Codex settings\nmodel = "fake-large" # the company default\nmodel_provider = "cliproxy"\n')).toBe(true);
    const config = parseToml(written) as any;
    expect(config.model_providers.company.base_url).toBe('https://gateway.example.com/v1');
    expect(config.model_providers.cliproxy).toEqual({ name: 'CLIProxy Desktop', base_url: `${fixture.url}/v1`, wire_api: 'responses', experimental_bearer_token: CLIENT_KEY });
    await card().getByText('the previous file is backed up').waitFor();
    await shot('connect-02-applied');
  });

  it('reverts to the exact previous bytes', async () => {
    await card().getByRole('button', { name: 'Revert' }).click();
    await card().getByRole('button', { name: 'Revert now' }).click();
    await card().locator('[data-client-state="elsewhere"]').waitFor();
    expect(readFileSync(codexFile(), 'utf8')).toBe(ORIGINAL);
    await card().getByText('Reverted: restored .codex/config.toml.').waitFor();
    await shot('connect-03-reverted');
  });

  it('a guided card copies the real key only on click, and never shows it', async () => {
    const cline = page.locator('[data-client="cline"]');
    await expect(cline.textContent()).resolves.toContain('sk-d…0001');
    await cline.getByRole('button', { name: 'Copy API key' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(CLIENT_KEY);
    expect(await page.content()).not.toContain(CLIENT_KEY);
    await page.locator('[aria-label="Tools set up by hand"]').scrollIntoViewIfNeeded();
    await shot('connect-04-guided');
    expect(problems).toEqual([]);
  });
});
