/**
 * Settings → Backup and import in a real headless Chromium against the real proxy: login files picked in the
 * page, an encrypted backup downloaded, and restored (a wrong passphrase first). Screenshot: settings-backup.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));

let fixture: DashboardFixture;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1320, height: 900 }, locale: 'en-US', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript((key) => sessionStorage.setItem('cliproxy.management-key', key), MANAGEMENT_KEY);
  await page.goto(`${fixture.url}/ui#/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

const card = () => page.getByRole('region', { name: 'Backup and import' });
const accountFiles = async () => ((await (await fixture.management('/accounts')).json()) as { accounts: Array<{ label: string }> }).accounts.map((account) => account.label).sort();

describe('Settings → Network', () => {
  it('switches to the LAN and back; the card shows the LAN addresses and a warning (no traffic leaves loopback)', async () => {
    const lanCard = page.getByRole('region', { name: 'Network' });
    await lanCard.getByText('This computer only (127.0.0.1:', { exact: false }).waitFor();
    await lanCard.getByRole('switch', { name: 'Listen on the LAN' }).click();
    await lanCard.getByText('The proxy is reachable from your network').waitFor();
    const expected = ((await (await fixture.management('/network')).json()) as { lanUrls: string[] }).lanUrls;
    if (expected.length > 0) expect(await lanCard.getByRole('list', { name: 'Addresses on the LAN' }).locator('code').allTextContents()).toEqual(expected);
    else await lanCard.getByText('This computer has no LAN address right now', { exact: false }).waitFor();
    expect(fixture.proxy.address.host).toBe('0.0.0.0');
    expect(readFileSync(fixture.configPath, 'utf8')).toMatch(/^host: 0\.0\.0\.0$/m);
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-lan.png') });

    await lanCard.getByRole('switch', { name: 'Listen on the LAN' }).click();
    await lanCard.getByText('This computer only (127.0.0.1:', { exact: false }).waitFor();
    expect(fixture.proxy.address.host).toBe('127.0.0.1');
    expect(readFileSync(fixture.configPath, 'utf8')).toMatch(/^host: 127\.0\.0\.1$/m);
  });
});

describe('Settings → Backup and import', () => {
  it('imports picked login files with the reasons for the ones it skips', async () => {
    const claude = { type: 'claude', access_token: 'sk-ant-oat-ui-import', refresh_token: 'sk-ant-ort-ui-import', email: 'ui@example.com', expired: new Date(Date.now() + 3_600_000).toISOString() };
    await card()
      .getByLabel('Pick login files')
      .setInputFiles([
        { name: 'claude-ui@example.com.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(claude)) },
        { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') },
      ]);
    await card().getByText('1 imported, 1 skipped, 0 failed').waitFor();
    await card().getByText('claude-ui@example.com.json: imported ui@example.com (claude)').waitFor();
    await card().getByText('notes.json: skipped — not a login file of a provider this app supports').waitFor();
    expect(await accountFiles()).toContain('ui@example.com');
  });

  it('downloads an encrypted backup and restores it; a wrong passphrase is refused at the field', async () => {
    await card().getByText('Without a passphrase the file holds your API keys and tokens in plain text.', { exact: false }).waitFor();
    await card().getByLabel('Passphrase (optional)').fill('a long passphrase');
    const [download] = await Promise.all([page.waitForEvent('download'), card().getByRole('button', { name: 'Export backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^cliproxy-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(fixture.dir, 'downloaded-backup.json');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'cliproxy-backup', encrypted: true });
    expect(text).not.toContain('sk-ant-oat-ui-import');
    await card().getByText(`Backup saved as ${download.suggestedFilename()}.`).waitFor();

    await card().getByLabel('Backup file').setInputFiles(file);
    await card().getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await card().getByRole('button', { name: 'Restore backup' }).click();
    await card().getByText('The passphrase is wrong, or the backup file was changed after it was exported.').waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-backup-wrong-passphrase.png'), fullPage: true });

    await card().getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await card().getByRole('button', { name: 'Restore backup' }).click();
    await card().getByText('Backup restored').waitFor();
    await card().getByText(/^Settings restored; 2 account files; 0 usage records added \(\d+ were already here\)\.$/).waitFor();
    expect(await accountFiles()).toContain('ui@example.com');
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-backup.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
