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

async function open(locale: string, { signedIn = true }: { signedIn?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light', locale });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => problems.push(error.message));
  // Signed in already (sessionStorage), as after the connect screen.
  if (signedIn) await page.addInitScript((key) => sessionStorage.setItem('cliproxy.management-key', key), MANAGEMENT_KEY);
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
    expect(await nav.locator('.nav-link > span:not(.nav-badge)').allTextContents()).toEqual(['概览', '账号', '模型', '连接你的工具', '用量', '请求', '日志', '故障排查', '设置']);
    await page.locator('.stat', { hasText: '今日请求' }).locator('.stat-value').getByText('4').waitFor();
    await page.getByRole('region', { name: '需要处理' }).getByText('冷却中', { exact: false }).first().waitFor();
    await page.getByRole('region', { name: '连接你的工具' }).getByRole('button', { name: '复制密钥' }).waitFor();
    await page.getByText('代理运行中').waitFor();
    await shot(page, 'overview-zh');

    await nav.getByRole('link', { name: '账号' }).click();
    await page.getByRole('heading', { level: 1, name: '账号' }).waitFor();
    await page.getByRole('region', { name: '订阅登录' }).getByRole('button', { name: '使用 Claude Code 登录' }).waitFor();
    await page.locator('.accounts-table').getByRole('columnheader', { name: '上次使用' }).waitFor();
    await page.locator('.accounts-table tr', { hasText: 'broken-login.json' }).getByText('文件无效').waitFor();
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

  it('the sign-in screen, Models, Troubleshooting and Connect your tools in Simplified Chinese', async () => {
    const page = await open('zh-CN', { signedIn: false });
    await page.getByRole('heading', { level: 1, name: '连接到 CLIProxy' }).waitFor();
    await page.getByText('在这台电脑上记住').waitFor();
    await page.getByLabel('管理密钥').fill('not-the-key');
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await page.getByText(/^代理不接受这个密钥。请使用代理首次启动时打印的管理密钥/).waitFor();
    await shot(page, 'sign-in-zh');
    await page.getByLabel('管理密钥').fill(MANAGEMENT_KEY);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();

    await page.goto(`${fixture.url}/ui#/models`);
    await page.getByRole('heading', { level: 1, name: '模型' }).waitFor();
    await page.getByRole('region', { name: '客户端视角' }).getByText(/^GET \/v1\/models（未设置客户端密钥）列出 \d+ 个模型。$|^使用客户端密钥 .+ 调用 GET \/v1\/models，列出 \d+ 个模型。$/).waitFor();
    await page.locator('.models-table').getByRole('columnheader', { name: '提供者' }).waitFor();
    const marks = await page.locator('.model-cell [data-source]').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(['实时', '配置', '内置']).toContain(mark);
    await page.locator('tr[data-model="fake-mini"]').getByRole('switch', { name: '在所有地方关闭 fake-mini' }).waitFor();
    await page.locator('tr[data-model="fake-mini"]').getByRole('switch', { name: '对 fakeai 隐藏 fake-mini' }).waitFor();
    await page.getByRole('region', { name: '请求了但未提供' }).waitFor();
    await page.getByRole('region', { name: '实时模型列表' }).getByRole('button', { name: '全部立即刷新' }).waitFor();
    await page.getByRole('region', { name: '隐藏的模型' }).waitFor();
    await page.getByPlaceholder('筛选模型').fill('no-such-model');
    await page.getByText(/^清除筛选条件即可查看全部 \d+ 个模型。$/).waitFor();
    await page.getByPlaceholder('筛选模型').fill('');
    await shot(page, 'models-zh');

    await page.goto(`${fixture.url}/ui#/troubleshooting`);
    await page.getByRole('heading', { level: 1, name: '故障排查' }).waitFor();
    await page.getByRole('button', { name: '运行全部检查' }).waitFor();
    await page.locator('.check-summary-line').getByText(/^共 \d+ 项检查 · /).waitFor();
    const areas = await page.locator('.check-group-title').evaluateAll((titles) => titles.map((title) => title.firstChild?.textContent?.trim()));
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) expect(['安装与配置', '端口', '账号与登录', '客户端', '模型与路由', '流式传输与用量', '服务商']).toContain(area);
    await expect(page.locator('details.check-fold').first().locator(':scope > summary').textContent()).resolves.toMatch(/^\d+ 项通过：/);
    expect(await page.locator('.check').first().getByRole('button', { name: '运行检查' }).count()).toBe(1);
    await page.getByRole('button', { name: /^显示全部（\d+）$/ }).click();
    await expect(page.locator('.check[data-check="provider-copilot"] .pill').textContent()).resolves.toBe('不适用');
    await page.getByRole('button', { name: '隐藏不适用的检查' }).waitFor();
    await shot(page, 'troubleshooting-zh');

    await page.goto(`${fixture.url}/ui#/connect`);
    await page.getByRole('heading', { level: 1, name: '连接你的工具' }).waitFor();
    const codex = page.locator('section.connect-card', { has: page.locator('[data-client="codex"]') });
    await codex.getByRole('button', { name: '预览差异' }).waitFor();
    await codex.getByRole('button', { name: '配置', exact: true }).waitFor();
    await codex.getByLabel('默认模型').waitFor();
    expect(await codex.getByLabel('默认模型').locator('option').first().textContent()).toBe('保留工具自己的选择');
    await page.getByRole('heading', { level: 2, name: '编辑器扩展和应用' }).waitFor();
    await shot(page, 'connect-zh');
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

  it('the Requests page and the newest Accounts parts in Simplified Chinese', async () => {
    const page = await open('zh-CN');
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '请求' }).click();
    await page.getByRole('heading', { level: 1, name: '请求' }).waitFor();
    const rows = page.locator('.requests-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 7000 }).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.requests-table thead th').allTextContents()).toEqual(['时间', '客户端密钥', '请求的模型 → 实际模型', '账号', '状态', '耗时', '首字节', '输入 / 输出令牌', '估算费用']);
    const status = page.getByRole('search', { name: '筛选请求' }).getByLabel('状态');
    expect(await status.locator('option').allTextContents()).toEqual(['全部状态', '成功', '失败']);
    await page.getByPlaceholder('模型（请求的或实际使用的）').waitFor();
    await shot(page, 'requests-zh');

    await status.selectOption('failure');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button', { name: /^打开请求 [0-9a-f]+$/ }).click();
    const detail = page.getByRole('complementary', { name: '请求详情' });
    await detail.getByRole('heading', { name: /^请求 [0-9a-f]+$/ }).waitFor();
    await detail.getByText('失败 429').waitFor();
    for (const term of ['时间', '状态', '耗时 · 首字节', '账号']) await detail.locator('dt', { hasText: term }).first().waitFor();
    await detail.locator('details > summary', { hasText: '客户端请求' }).waitFor();
    await detail.getByRole('button', { name: '重放此请求' }).click();
    const replay = detail.getByRole('region', { name: '重放结果' });
    await expect.poll(() => replay.textContent()).toMatch(/^已重放：429，耗时 .+ · 新请求 [0-9a-f]+/);
    await shot(page, 'requests-detail-zh');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账号' }).click();
    await page.getByRole('heading', { level: 1, name: '账号' }).waitFor();
    const vertex = page.getByRole('form', { name: '导入 Vertex AI 服务账号' });
    await vertex.getByRole('button', { name: '导入密钥' }).click();
    await vertex.getByText('请先选择 JSON 密钥文件。').waitFor();
    await vertex.getByLabel('服务账号密钥（JSON）').waitFor();
    await page.getByRole('button', { name: '添加 API 密钥' }).click();
    const form = page.getByRole('form', { name: '添加 API 密钥' });
    await form.getByText('xAI', { exact: true }).click();
    await form.getByText('xAI API 密钥（console.x.ai），用于 Grok 模型', { exact: false }).waitFor();
    await form.getByText('OpenAI 兼容', { exact: true }).click();
    expect(await form.getByLabel('API 类型').locator('option').allTextContents()).toEqual(['Chat Completions（大多数服务器）', 'Responses 接口']);
    await form.getByPlaceholder('留空则使用服务器列出的全部模型').waitFor();
    await shot(page, 'accounts-forms-zh');
    expect(problems).toEqual([]);
    await page.close();
  });
});
