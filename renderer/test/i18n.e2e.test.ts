/**
 * The dashboard in English and Simplified Chinese in a real headless Chromium: the language follows the
 * browser's (OS) language, can be switched in Settings, and the choice survives a reload.
 * Screenshots go to test-artifacts/ui/ (overview-zh.png, settings-zh.png, overview-en.png, …).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { MANAGEMENT_KEY, startDashboardFixture, type DashboardFixture } from './dashboard-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));

let fixture: DashboardFixture;
let browser: Browser;
const problems: string[] = [];

async function open(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light', locale });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => problems.push(error.message));
  // Signed in already (sessionStorage), as after the connect screen.
  await page.addInitScript((key) => sessionStorage.setItem('cliproxy.management-key', key), MANAGEMENT_KEY);
  await page.goto(`${fixture.url}/ui`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

describe('dashboard languages', () => {
  it('a Chinese system shows the dashboard in Simplified Chinese', async () => {
    fixture.writeAuthFile('claude-zh@example.com.json', {
      type: 'claude',
      access_token: 'sk-ant-oat-zh',
      refresh_token: 'sk-ant-ort-zh',
      email: 'zh@example.com',
      expired: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    const page = await open('zh-CN');
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('概览 · CLIProxy');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.locator('.nav-link > span:not(.nav-badge)').allTextContents()).toEqual(['概览', '账号', '模型', '连接工具', '用量', '请求', '日志', '故障排查', '设置']);
    await page.locator('.stat', { hasText: '今日请求' }).locator('.stat-value').getByText('4').waitFor();
    await page.getByRole('region', { name: '需要处理' }).getByText('冷却中', { exact: false }).first().waitFor();
    await page.getByRole('region', { name: '连接你的工具' }).getByRole('button', { name: '复制密钥' }).waitFor();
    await page.getByText('代理运行中').waitFor();
    await shot(page, 'overview-zh');

    await nav.getByRole('link', { name: '账号' }).click();
    await page.getByRole('heading', { level: 1, name: '账号' }).waitFor();
    await page.getByRole('region', { name: '订阅登录' }).getByRole('button', { name: '使用 Claude Code 登录' }).waitFor();
    await page.locator('.accounts-table').getByRole('columnheader', { name: '上次使用' }).waitFor();
    await page.locator('.accounts-table').getByText('文件无效').waitFor();
    const subscription = page.getByRole('region', { name: '订阅账号' }).locator('article', { hasText: 'zh@example.com' });
    await subscription.getByText(/^有效期至 \d\d:\d\d（.+小时.*后）$/).waitFor();
    await subscription.getByText('本代理尚未刷新过').waitFor();
    await subscription.getByRole('button', { name: '刷新 zh@example.com 的额度' }).waitFor();
    await shot(page, 'accounts-zh');

    await nav.getByRole('link', { name: '用量' }).click();
    await page.getByRole('heading', { level: 1, name: '用量' }).waitFor();
    await page.getByRole('button', { name: '近 7 天' }).waitFor();
    await page.getByRole('region', { name: '明细' }).waitFor();
    await shot(page, 'usage-zh');

    await nav.getByRole('link', { name: '日志' }).click();
    await page.getByRole('heading', { level: 1, name: '日志' }).waitFor();
    await page.getByRole('button', { name: '暂停' }).waitFor();
    await shot(page, 'logs-zh');

    await nav.getByRole('link', { name: '设置' }).click();
    await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await page.getByRole('region', { name: '路由与重试' }).getByText('路由策略').waitFor();
    const select = page.getByLabel('显示语言');
    expect(await select.inputValue()).toBe('system');
    expect(await select.locator('option').allTextContents()).toEqual(['跟随系统（简体中文）', 'English', '简体中文']);
    await shot(page, 'settings-zh');

    // Switching to English applies at once and is remembered across a reload.
    await select.selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('cliproxy.language'))).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot(page, 'settings-en-chosen');
    await page.close();
  });

  it('an English system shows English; Chinese can be chosen in Settings', async () => {
    const page = await open('en-US');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('.stat', { hasText: 'Requests today' }).locator('.stat-value').getByText('4').waitFor();
    await shot(page, 'overview-en');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Display language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '概览' }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
