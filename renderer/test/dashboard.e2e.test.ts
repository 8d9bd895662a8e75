/**
 * The dashboard in a real headless Chromium against the real proxy (startProxy) with fake upstreams.
 * Screenshots of every page go to test-artifacts/ui/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { startFakeKiro, type FakeKiro } from '../../proxy-core/src/testing/index.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));

let fixture: DashboardFixture;
let kiro: FakeKiro;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

async function shot(name: string): Promise<void> {
  // Toasts from earlier steps would cover the page; the sidebar is sticky, so capture from the top.
  const dismiss = page.locator('.toast').getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1000 }).catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function go(route: string): Promise<void> {
  await page.locator('nav[aria-label="Main"]').getByRole('link', { name: route, exact: false }).first().click();
  await page.getByRole('heading', { level: 1, name: route }).waitFor();
}

async function clientModelIds(): Promise<string[]> {
  const response = await fetch(`${fixture.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
  return ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kiro = await startFakeKiro();
  // Kiro's AWS SSO-OIDC points at a fake, so the Identity Center login test reaches no real AWS host.
  [fixture, browser] = await Promise.all([startDashboardFixture({ oauthEndpoints: { kiro: { oidc: kiro.url } } }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.url });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (message) => {
    // 400: a wrongly pasted login code, refused on purpose by the login test.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|401|404|422)/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await kiro?.close();
});

describe('dashboard at /ui', () => {
  it('asks for the management key, refuses a wrong one, and connects with the right one', async () => {
    await page.goto(`${fixture.url}/ui`);
    await page.getByRole('heading', { name: 'Connect to CLIProxy' }).waitFor();
    await page.getByLabel('Management key').fill('not-the-key');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('The proxy did not accept this key').waitFor();
    await shot('00-connect');
    await page.getByLabel('Management key').fill(MANAGEMENT_KEY);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('cliproxy.management-key'))).toBe(MANAGEMENT_KEY);
    expect(await page.evaluate(() => localStorage.getItem('cliproxy.management-key'))).toBeNull();
  });

  it('overview: status, today\'s requests and errors, accounts needing attention, recent problems', async () => {
    await page.getByText('Running', { exact: true }).waitFor();
    const requests = page.locator('.stat', { hasText: 'Requests today' }).locator('.stat-value');
    await expect.poll(() => requests.textContent(), { timeout: 7000 }).toBe('4');
    await expect.poll(() => page.locator('.stat', { hasText: 'Errors today' }).locator('.stat-value').textContent(), { timeout: 7000 }).toBe('1');
    await page.getByRole('region', { name: 'Needs attention' }).getByText('Cooling', { exact: false }).first().waitFor();
    await page.getByRole('region', { name: 'Recent problems' }).locator('.problem-item').first().waitFor();
    await expect(page.getByRole('region', { name: 'Connect your tools' }).textContent()).resolves.not.toContain(CLIENT_KEY);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CLIENT_KEY);
    await shot('01-overview');
  });

  it('accounts: every credential with its state, account files that did not load, and a login button per provider', async () => {
    await go('Accounts');
    const table = page.locator('.accounts-table');
    await table.getByText('fakeai sk-u…0001').waitFor();
    await table.getByText('fakeai sk-u…0002').waitFor();
    const claude = table.locator('tr', { hasText: 'Claude' }).first();
    await claude.getByText(/Cooling · \d+ min/).waitFor();
    await expect(claude.textContent()).resolves.toMatch(/until \d\d:\d\d · quota \(429\)/);
    await table.locator('tr', { hasText: 'broken-login.json' }).getByText('Invalid file').waitFor();
    await table.locator('tr', { hasText: 'cursor-someone.json' }).getByText('Unsupported').waitFor();
    await table.locator('tr', { hasText: 'fakeai' }).getByText('just now').first().waitFor();
    // One enabled "Log in with …" button per provider the proxy offers (the list grows as providers land).
    const offered = ((await (await fixture.management('/login-providers')).json()) as { providers: Array<{ name: string }> }).providers;
    expect(offered.map((provider) => provider.name)).toContain('Claude Code');
    const buttons = page.getByRole('region', { name: 'Subscription logins' }).locator('button.login-button');
    await expect.poll(() => buttons.count()).toBe(offered.length);
    for (const provider of offered) await expect(page.getByRole('button', { name: `Log in with ${provider.name}` }).isEnabled()).resolves.toBe(true);
    await page.getByRole('region', { name: 'Subscription accounts' }).getByText('No subscription accounts yet').waitFor();
    await shot('02-accounts');
  });

  it('toggling an account off removes its models from /v1/models (UI and API), and on brings them back', async () => {
    expect(await clientModelIds()).toContain('claude-sonnet-4-5');
    await page.getByRole('switch', { name: 'Disable sk-a…0001' }).click();
    await page.getByRole('switch', { name: 'Enable sk-a…0001' }).waitFor();
    await page.locator('.toast', { hasText: 'sk-a…0001 disabled. Saved to config.yaml.' }).waitFor();
    await expect.poll(clientModelIds).not.toContain('claude-sonnet-4-5');
    expect(readFileSync(fixture.configPath, 'utf8')).toMatch(/disabled: true/);
    await go('Models');
    const clientView = page.getByRole('list', { name: 'Models at /v1/models' });
    await clientView.getByText('fake-large').waitFor();
    expect(await clientView.getByText('claude-sonnet-4-5').count()).toBe(0);
    await go('Accounts');
    await page.getByRole('switch', { name: 'Enable sk-a…0001' }).click();
    await page.getByRole('switch', { name: 'Disable sk-a…0001' }).waitFor();
    await expect.poll(clientModelIds).toContain('claude-sonnet-4-5');
  });

  it('adds an OpenAI key through the paste form, with inline validation first', async () => {
    await page.getByRole('button', { name: 'Add API key' }).click();
    const form = page.getByRole('form', { name: 'Add an API key' });
    await form.getByText('OpenAI', { exact: true }).click();
    await form.getByRole('button', { name: 'Add OpenAI key' }).click();
    await form.getByText('API key is required.').waitFor();
    await form.getByLabel('API key').fill('sk-openai-pasted-key-0042');
    await form.getByLabel('Base URL').fill(`${fixture.url.replace('http', 'ftp')}`);
    await form.getByRole('button', { name: 'Add OpenAI key' }).click();
    await form.getByText('Use a full URL starting with http:// or https://.').waitFor();
    await shot('03-add-key');
    await form.getByLabel('Base URL').fill(`${fixture.fake.url}/v1`);
    await form.getByRole('button', { name: 'Add OpenAI key' }).click();
    await page.locator('.toast', { hasText: 'OpenAI key added. Saved to config.yaml.' }).waitFor();
    await page.locator('.accounts-table').getByText('sk-o…0042').waitFor();
    // The new row is marked and brought into view clear of the success toast (which used to cover it).
    const added = page.locator('.accounts-table tr', { hasText: 'sk-o…0042' });
    expect(await added.getAttribute('class')).toBe('row-added');
    const placement = async () => {
      const row = (await added.boundingBox())!;
      const toasts = await page.locator('.toast').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
      const viewport = page.viewportSize()!;
      const covered = toasts.some((toast) => row.x < toast.x + toast.width && toast.x < row.x + row.width && row.y < toast.y + toast.height && toast.y < row.y + row.height);
      return { inView: row.y >= 0 && row.y + row.height <= viewport.height, covered };
    };
    await expect.poll(placement).toEqual({ inView: true, covered: false });
    await page.screenshot({ path: path.join(ARTIFACTS, '03b-key-added.png') }); // the window as the user sees it, toast included
    expect(readFileSync(fixture.configPath, 'utf8')).toContain('sk-openai-pasted-key-0042');
    expect(readFileSync(fixture.configPath, 'utf8')).toContain('sk-upstream-fakeai-secret-0001');
  });

  it('models: who serves each model and who is next; hiding a model per key and showing it again', async () => {
    await go('Models');
    const row = page.locator('tr[data-model="fake-large"]');
    await row.getByText('fakeai sk-u…0001').waitFor();
    await row.getByText('fakeai sk-u…0002').waitFor();
    expect(await row.getByText('Next', { exact: true }).count()).toBe(1);
    await page.locator('tr[data-model="claude-sonnet-4-5"]').getByText(/Cooling until \d\d:\d\d/).waitFor();
    await shot('04-models');
    await page.locator('tr[data-model="fake-mini"]').getByRole('switch', { name: 'Hide fake-mini for fakeai' }).click();
    await page.locator('.toast', { hasText: 'fake-mini hidden' }).waitFor();
    await page.locator('tr[data-model="fake-mini"]').waitFor({ state: 'detached' });
    await expect.poll(clientModelIds).not.toContain('fake-mini');
    const hidden = page.getByRole('region', { name: 'Hidden models' });
    await hidden.getByText('fake-mini').waitFor();
    expect(await page.getByRole('list', { name: 'Models at /v1/models' }).getByText('fake-mini').count()).toBe(0);
    await shot('05-models-hidden');
    await hidden.getByRole('button', { name: 'List fake-mini again' }).click();
    await expect.poll(clientModelIds).toContain('fake-mini');
    await page.locator('tr[data-model="fake-mini"]').waitFor();
    // The global switch: off for every key and account, listed as switched off, and back on from there.
    await page.locator('tr[data-model="fake-mini"]').getByRole('switch', { name: 'Switch fake-mini off everywhere' }).click();
    await page.locator('.toast', { hasText: 'fake-mini switched off for every account' }).waitFor();
    await page.locator('tr[data-model="fake-mini"]').waitFor({ state: 'detached' });
    await expect.poll(clientModelIds).not.toContain('fake-mini');
    const switchedOff = page.getByRole('region', { name: 'Switched-off models' });
    await switchedOff.getByText('fake-mini', { exact: true }).waitFor();
    await shot('05b-models-switched-off');
    await switchedOff.getByRole('switch', { name: 'Switch fake-mini on' }).click();
    await expect.poll(clientModelIds).toContain('fake-mini');
    await page.locator('tr[data-model="fake-mini"]').waitFor();
    await switchedOff.waitFor({ state: 'detached' });
  });

  it('accounts: clearing a cooldown makes the account active again; a broken account file can be deleted', async () => {
    await go('Accounts');
    const claude = page.locator('tr', { hasText: 'sk-a…0001' });
    await claude.getByRole('button', { name: 'Clear cooldown' }).click();
    await page.locator('.toast', { hasText: 'Cooldown cleared' }).waitFor();
    await claude.getByText('Active', { exact: true }).waitFor();
    const broken = page.locator('tr', { hasText: 'broken-login.json' });
    await broken.getByRole('button', { name: 'Delete' }).click();
    await broken.getByRole('button', { name: 'Delete file' }).click();
    await page.locator('.toast', { hasText: 'Deleted broken-login.json.' }).waitFor();
    await broken.waitFor({ state: 'detached' });
    expect(existsSync(path.join(fixture.dir, 'auth', 'broken-login.json'))).toBe(false);
  });

  it('subscription login through the UI in paste mode: a wrong code is refused, the right one logs in, quota bars after "Refresh quota"', async () => {
    await go('Accounts');
    await page.getByRole('button', { name: 'Log in with Claude Code' }).click();
    const panel = page.getByRole('region', { name: 'Log in with Claude Code' });
    await panel.getByText('Open the link and approve access').first().waitFor();
    // The browser flow offers the SSH tunnel for a browser on another machine; switch to paste mode.
    await panel.getByText(/^ssh -L \d+:127\.0\.0\.1:\d+ /).waitFor();
    await panel.getByRole('button', { name: 'Paste a code' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Paste a code' }).getAttribute('aria-pressed')).toBe('true');
    await panel.getByText('Claude Code then shows a code: copy it and paste it here.').waitFor();
    const link = panel.getByRole('link', { name: 'Sign-in address' });
    await expect.poll(async () => new URL((await link.getAttribute('href'))!).searchParams.get('redirect_uri')).toBe('https://platform.claude.com/oauth/code/callback');
    const authorizeUrl = (await link.getAttribute('href'))!;
    await panel.getByRole('button', { name: 'Copy link' }).click();
    await panel.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(authorizeUrl);
    await shot('14-login-paste');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('14-login-paste-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The user approves at Anthropic, which shows code#state; a pasted code for another login is refused.
    const redirect = new URL(await fixture.claude.oauth.approve(authorizeUrl));
    const code = redirect.searchParams.get('code')!;
    const state = redirect.searchParams.get('state')!;
    const pasteField = panel.getByLabel('Paste the code or the address the browser ended on');
    await pasteField.fill(`${code}#not-the-state`);
    await panel.getByRole('button', { name: 'Finish login' }).click();
    await panel.getByRole('alert').filter({ hasText: /state does not match/ }).waitFor();
    await pasteField.fill(`${code}#${state}`);
    await panel.getByRole('button', { name: 'Finish login' }).click();
    await panel.getByText('Logged in as claude-user@example.com').waitFor();
    await page.locator('.toast', { hasText: 'Claude Code: logged in as claude-user@example.com.' }).waitFor();

    const account = page.getByRole('list', { name: 'Subscription accounts' }).getByRole('article', { name: 'claude-user@example.com' });
    await account.getByText('Active', { exact: true }).waitFor();
    await account.getByText(/Valid until/).waitFor();
    // Listed once: not again in the API-key table.
    expect(await page.locator('.accounts-table').getByText('claude-user@example.com').count()).toBe(0);
    await account.getByRole('button', { name: 'Refresh quota' }).click();
    await page.locator('.toast', { hasText: 'Quota for claude-user@example.com updated.' }).waitFor();
    const fiveHour = account.getByRole('meter', { name: '5-hour limit' });
    await expect.poll(() => fiveHour.getAttribute('aria-valuenow')).toBe('75');
    await expect(fiveHour.getAttribute('aria-valuetext')).resolves.toMatch(/^75% left, resets /);
    await expect(account.getByRole('meter', { name: 'Weekly limit' }).getAttribute('aria-valuenow')).resolves.toBe('90');
    await account.getByText(/Updated .* from the vendor/).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await shot('15-subscription-account');
  });

  it('Kiro login: optional IAM Identity Center start URL and region, sent to the proxy and on to AWS; empty = Builder ID', async () => {
    await go('Accounts');
    // Claude Code and the other providers have no such fields.
    expect(await page.getByLabel('Start URL').count()).toBe(0);
    // Opening the panel starts an AWS Builder ID login; giving a start URL restarts it for the organisation.
    await page.getByRole('button', { name: 'Log in with Kiro' }).click();
    const panel = page.getByRole('region', { name: 'Log in with Kiro' });
    const form = panel.getByRole('form', { name: 'Log in through AWS IAM Identity Center' });
    await form.getByText('(optional: your organisation’s start URL and region; empty = AWS Builder ID)').waitFor();
    await form.getByRole('button', { name: 'Use AWS Builder ID' }).waitFor();
    await form.getByLabel('Start URL').fill('https://my-org.awsapps.com/start');
    await form.getByLabel('Region').fill('eu-west-1');
    const started = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/logins'));
    await form.getByRole('button', { name: 'Use this organisation' }).click();
    expect((await started).postDataJSON()).toMatchObject({ provider: 'kiro', startUrl: 'https://my-org.awsapps.com/start', region: 'eu-west-1' });
    await panel.getByText('Open the sign-in page and enter the code').waitFor();
    await expect.poll(() => kiro.requests.filter((request) => request.path === '/device_authorization').map((request) => request.body.startUrl)).toEqual(['https://view.awsapps.com/start', 'https://my-org.awsapps.com/start']);
    await expect(panel.getByLabel('Start URL').inputValue()).resolves.toBe('https://my-org.awsapps.com/start');
    await shot('14-login-kiro-identity-center');
    await panel.getByRole('button', { name: 'Cancel login' }).click();
    await panel.getByText('The login was cancelled').waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('turning the subscription account off takes its models out of /v1/models, and on brings them back', async () => {
    expect(await clientModelIds()).toContain('claude-sonnet-4-6');
    const account = page.getByRole('article', { name: 'claude-user@example.com' });
    await account.getByRole('switch', { name: 'Disable claude-user@example.com' }).click();
    await account.getByRole('switch', { name: 'Enable claude-user@example.com' }).waitFor();
    await page.locator('.toast', { hasText: 'claude-user@example.com disabled.' }).waitFor();
    await account.getByText('Disabled', { exact: true }).waitFor();
    await expect.poll(clientModelIds).not.toContain('claude-sonnet-4-6');
    await account.getByRole('switch', { name: 'Enable claude-user@example.com' }).click();
    await account.getByRole('switch', { name: 'Disable claude-user@example.com' }).waitFor();
    await expect.poll(clientModelIds).toContain('claude-sonnet-4-6');
  });

  it('an account whose refresh token the vendor does not know needs a new login: "Log in again" here and on the overview', async () => {
    fixture.writeAuthFile('claude-expired@example.com.json', {
      type: 'claude',
      access_token: 'at-never-issued',
      refresh_token: 'rt-never-issued',
      email: 'expired@example.com',
      expired: new Date(Date.now() - 60_000).toISOString(),
    });
    const dead = page.getByRole('article', { name: 'expired@example.com' });
    await dead.waitFor({ timeout: 15_000 });
    await dead.getByRole('button', { name: 'Refresh token' }).click();
    await dead.getByRole('button', { name: 'Log in again as expired@example.com' }).waitFor();
    await dead.getByText(/^Log in again: .*invalid_grant/).waitFor();
    await dead.getByText(/^Refresh failed (just now|\d+ min ago)$/).waitFor();
    await shot('16-needs-relogin');

    await go('Overview');
    const attention = page.getByRole('region', { name: 'Needs attention' });
    const relogin = attention.getByRole('button', { name: 'Log in again as expired@example.com' });
    await relogin.waitFor();
    await shot('17-overview-needs-relogin');
    await relogin.click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const panel = page.getByRole('region', { name: 'Log in again to Claude Code' });
    await panel.getByText('Sign in with expired@example.com').waitFor();
    await panel.getByRole('link', { name: 'Sign-in address' }).waitFor();
    await page.setViewportSize({ width: 900, height: 700 });
    await shot('18-accounts-small-window');
    await page.setViewportSize({ width: 1320, height: 900 });
    await panel.getByRole('button', { name: 'Cancel login' }).click();
    await panel.getByText('The login was cancelled').waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('usage: summary, hand-drawn charts with text descriptions, and breakdowns by model, account and client key', async () => {
    await go('Usage');
    await expect.poll(() => page.locator('.stat', { hasText: 'Requests' }).first().locator('.stat-value').textContent(), { timeout: 7000 }).toBe('4');
    const charts = page.locator('svg[role="img"]');
    await expect.poll(() => charts.count()).toBe(4);
    await expect(charts.first().locator('desc').textContent()).resolves.toMatch(/4 requests, 1 failed/);
    const byModel = page.getByRole('table', { name: 'Usage by model' });
    await byModel.getByRole('rowheader', { name: /fake-large/ }).waitFor();
    await shot('06-usage');
    await page.getByRole('button', { name: 'By account' }).click();
    await page.getByRole('table', { name: 'Usage by account' }).getByText('fakeai sk-u…0001').waitFor();
    await page.getByRole('button', { name: 'By client key' }).click();
    // Masked as everywhere else in the app (sk-d…0001), without the proxy's internal #hash.
    await page.getByRole('table', { name: 'Usage by client key' }).getByText('sk-d…0001', { exact: true }).waitFor();
    expect(await page.getByRole('table', { name: 'Usage by client key' }).getByText(/#[0-9a-f]{6}/).count()).toBe(0);
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => charts.first().locator('desc').textContent()).toMatch(/4 requests/);
  });

  it('models: a live list adds an id marked "live" after "Refresh now"; a requested-but-not-served id is mapped in one click', async () => {
    // The OpenAI key added above lists no models:, so it asks its upstream ({base-url}/models).
    fixture.fake.listedModels = ['gpt-9-live'];
    await go('Models');
    const lists = page.getByRole('list', { name: 'Live model lists' });
    await lists.getByText('sk-o…0042').waitFor();
    await lists.getByRole('button', { name: 'Refresh the model list of sk-o…0042 now' }).click();
    await page.locator('.toast', { hasText: 'Model lists refreshed: sk-o…0042 lists 1.' }).waitFor();
    await lists.getByText('1 model listed').waitFor();
    const row = page.locator('tr[data-model="gpt-9-live"]');
    await row.waitFor();
    expect(await row.locator('.model-cell [data-source]').allTextContents()).toEqual(['live']);
    expect(await page.locator('tr[data-model="gpt-5.5"] .model-cell [data-source]').allTextContents()).toEqual(['built-in']);
    expect(await page.locator('tr[data-model="fake-large"] .model-cell [data-source]').allTextContents()).toEqual(['configured']);
    await expect.poll(clientModelIds).toContain('gpt-9-live');

    // Two requests for an id nobody serves: listed with the count and the masked client key, then mapped.
    for (let index = 0; index < 2; index++) expect((await fixture.chat('acme-nobody-serves-7')).status).toBe(404);
    const unserved = page.getByRole('list', { name: 'Requested but not served' });
    const item = unserved.locator('li[data-unserved="acme-nobody-serves-7"]');
    await item.waitFor({ timeout: 15_000 });
    await item.getByText(/2 requests · last just now · by sk-d…0001#[0-9a-f]{6}/).waitFor();
    await item.getByLabel('Model to serve acme-nobody-serves-7 with').selectOption('fake-large');
    await shot('05c-models-live-and-unserved');
    await item.getByRole('button', { name: 'Map to fake-large' }).click();
    await page.locator('.toast', { hasText: 'acme-nobody-serves-7 now maps to fake-large. Saved to config.yaml.' }).waitFor();
    expect(readFileSync(fixture.configPath, 'utf8')).toMatch(/model-mappings:\n\s*- from: acme-nobody-serves-7\n\s*to: fake-large/);
    expect(readFileSync(fixture.configPath, 'utf8')).toContain('# CLIProxy test config');
  });

  it('logs: live tail shows a request made through the proxy, with a detail view, filters and pause/resume', async () => {
    await go('Logs');
    await page.getByText('Live', { exact: true }).waitFor();
    const requestRows = page.locator('.log-row', { hasText: 'POST /v1/chat/completions 200' });
    const before = await requestRows.count();
    await (await fixture.chat('fake-large', 'hello from the logs test')).text();
    await expect.poll(() => requestRows.count(), { timeout: 5000 }).toBe(before + 1);
    await requestRows.first().click();
    const detail = page.getByRole('complementary', { name: 'Log entry details' });
    await detail.getByText('fake-large').waitFor();
    await detail.getByText('Request id').waitFor();
    await shot('07-logs');

    await page.getByRole('button', { name: 'Pause' }).click();
    await (await fixture.chat('fake-mini')).text();
    await page.getByText(/Paused · \d+ new/).waitFor();
    expect(await requestRows.count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => requestRows.count(), { timeout: 5000 }).toBe(before + 2);

    await page.getByLabel('Search log text').fill('429');
    await page.locator('.log-row', { hasText: 'POST /v1/chat/completions 429' }).first().waitFor();
    expect(await requestRows.count()).toBe(0);
    await page.getByLabel('Search log text').fill('');
    await page.getByLabel('Level').selectOption('warn');
    await expect.poll(() => page.locator('.log-row.log-info').count()).toBe(0);
    await page.locator('.log-row.log-warn').first().waitFor();
    await page.getByLabel('Level').selectOption('all');
  });

  it('troubleshooting: runs every check and shows its result', async () => {
    await go('Troubleshooting');
    expect((await fixture.management('/diagnostics')).status).toBe(200);
    await page.locator('.check').first().waitFor();
    const count = await page.locator('.check').count();
    expect(count).toBeGreaterThan(0);
    // Grouped by area, areas with failures or warnings first; within an area, failures before warnings.
    const areas = await page.locator('.check-group').evaluateAll((sections) =>
      sections.map((section) => ({
        area: section.getAttribute('data-area'),
        open: [...section.querySelectorAll(':scope > .check-list > .check')].map((card) => card.className.replace(/^check check-/, '')),
      })),
    );
    const rank = (status: string) => ['fail', 'warn', 'unknown', 'pass'].indexOf(status);
    const worst = areas.map((area) => Math.min(3, ...area.open.filter((status) => status === 'fail' || status === 'warn').map(rank)));
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(worst[0]).toBeLessThan(3);
    for (const area of areas) {
      const problems = area.open.filter((status) => status === 'fail' || status === 'warn');
      expect(area.open.slice(0, problems.length), area.area ?? '').toEqual([...problems].sort((a, b) => rank(a) - rank(b)));
    }
    // Passing checks are folded; no visible card is a pass.
    expect(await page.locator('.check-group > .check-list > .check-pass').count()).toBe(0);
    const folds = page.locator('details.check-fold');
    expect(await folds.count()).toBeGreaterThan(0);
    await expect(folds.first().locator(':scope > summary').textContent()).resolves.toMatch(/^\d+ passing: /);
    // A card never says "Not run yet" beside a conclusion: only the checks that did not run (the canary) do.
    const notRunCards = await page.locator('.check', { has: page.locator('.pill', { hasText: 'Not run yet' }) }).evaluateAll((cards) => cards.map((card) => card.getAttribute('data-check')));
    expect(notRunCards).toEqual(['stream-parity']);
    // Checks that cannot apply here (providers this build lacks, with no file) only behind "Show all".
    expect(await page.locator('.check[data-check="provider-copilot"]').count()).toBe(0);
    await shot('08a-troubleshooting-grouped');
    await page.getByRole('button', { name: /^Show all \(\d+\)$/ }).click();
    const copilot = page.locator('.check[data-check="provider-copilot"]');
    await copilot.waitFor();
    await expect(copilot.locator('.pill').textContent()).resolves.toBe('Does not apply');
    // Kiro is supported now; its only file has no token, so no Kiro account is logged in and the check does not apply.
    await expect(page.locator('.check[data-check="provider-kiro"] .pill').first().textContent()).resolves.toBe('Does not apply');
    await page.getByRole('button', { name: 'Hide checks that do not apply' }).click();
    await expect.poll(() => copilot.count()).toBe(0);
    await page.getByRole('button', { name: 'Run all checks' }).click();
    const notDone = async () => (await page.locator('.check button[aria-busy="true"]').count()) + (await page.locator('.check .pill', { hasText: 'Not run yet' }).count());
    await expect.poll(notDone, { timeout: 20_000 }).toBe(0);
    for (const check of await page.locator('.check').all()) {
      await expect(check.locator('.pill').first().textContent()).resolves.toMatch(/Pass|Fail|Warning|Unknown|Does not apply/);
    }
    // The canary really ran against the fake upstream.
    await expect(page.locator('.check[data-check="stream-parity"] .pill').first().textContent()).resolves.toBe('Pass');
    await shot('08-troubleshooting');
    await page.locator('details.check-fold').first().locator(':scope > summary').click();
    await shot('08b-troubleshooting-passing-unfolded');
  });

  it('settings: inline validation, a saved change, and a YAML error with line and column that keeps the text', async () => {
    await go('Settings');
    const retries = page.getByLabel('Request retries');
    await retries.fill('-1');
    await page.getByText('Must be 0 or more.').waitFor();
    await expect(page.getByRole('button', { name: 'Save changes' }).isDisabled()).resolves.toBe(true);
    await retries.fill('2');
    await page.getByLabel('Routing strategy').selectOption('fill-first');
    await page.getByLabel('Longest silence in an answer').fill('600');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings applied. Saved to config.yaml.' }).waitFor();
    const saved = readFileSync(fixture.configPath, 'utf8');
    expect(saved).toMatch(/request-retry: 2/);
    expect(saved).toMatch(/strategy: fill-first/);
    expect(saved).toMatch(/timeouts:\n\s+upstream-idle-seconds: 600/);
    expect(saved).toContain('# the local fake');
    await shot('09-settings');

    await page.getByRole('tab', { name: 'config.yaml' }).click();
    const editor = page.getByRole('textbox', { name: 'config.yaml' });
    await expect.poll(() => editor.inputValue()).toContain('REDACTED(');
    const original = await editor.inputValue();
    expect(original).not.toContain('sk-upstream-fakeai-secret-0001');
    const broken = `${original.trimEnd()}\nrouting: [unclosed\n`;
    await editor.fill(broken);
    await page.getByRole('button', { name: 'Save config.yaml' }).click();
    const error = page.getByRole('alert').filter({ hasText: /Not saved: line \d+, column \d+/ });
    await error.waitFor();
    expect(await editor.inputValue()).toBe(broken);
    expect(readFileSync(fixture.configPath, 'utf8')).not.toContain('[unclosed');
    await shot('10-settings-yaml-error');

    await error.getByRole('button', { name: /Go to line/ }).click();
    await editor.fill(`${original.trimEnd()}\n# edited in the dashboard\n`);
    await page.getByRole('button', { name: 'Save config.yaml' }).click();
    await page.locator('.toast', { hasText: 'config.yaml applied. Saved to config.yaml.' }).waitFor();
    const file = readFileSync(fixture.configPath, 'utf8');
    expect(file).toContain('# edited in the dashboard');
    expect(file).toContain('sk-upstream-fakeai-secret-0001');
  });

  it('looks right in dark mode and raises no script or CSP errors', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await go('Overview');
    await page.getByText('Running', { exact: true }).waitFor();
    await shot('11-overview-dark');
    await go('Accounts');
    await page.locator('.accounts-table').waitFor();
    await shot('12-accounts-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('is keyboard accessible (skip link first, visible focus) and fits a small window', async () => {
    await page.goto(`${fixture.url}/ui/#/overview`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Accounts/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.setViewportSize({ width: 900, height: 700 });
    await go('Overview');
    await page.keyboard.press('Tab');
    await shot('13-small-window-focus');
    await page.setViewportSize({ width: 1320, height: 900 });
  });
});
