import { describe, expect, it } from 'vitest';
import type { ClientSetupView } from '../core/proxy-core.js';
import { createTranslator } from '../i18n/index.js';
import { createManagementClient } from '../management/management-client.js';
import { click, findItem } from '../../test/fakes.js';
import { runningState, snapshot } from '../../test/views.js';
import { buildTrayMenu, type TrayActions } from './build-tray-menu.js';
import { fetchSnapshot } from './status-poller.js';

const view = (overrides: Partial<ClientSetupView>): ClientSetupView => ({
  id: 'codex',
  name: 'Codex CLI',
  kind: 'file',
  summary: '',
  detected: true,
  state: 'elsewhere',
  message: 'Points at https://gateway.example.com/v1, not this proxy.',
  files: ['/home/u/.codex/config.toml'],
  revertible: false,
  takesSmallModel: false,
  ...overrides,
});

const CLIENTS = [
  view({}),
  view({ id: 'claude-code', name: 'Claude Code', state: 'this-proxy', message: 'Points at this proxy.', revertible: true }),
  view({ id: 'gemini-cli', name: 'Gemini CLI', state: 'unreadable', detected: false, message: 'settings.json line 3, column 5: not valid JSON' }),
  view({ id: 'cline', name: 'Cline', kind: 'guided', files: [] }),
];

function actionsWithConnect() {
  const calls: string[] = [];
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, ...args].join(' '));
  const actions = new Proxy({}, { get: (_target, name: string) => (name === 'connect' ? { setUp: record('setUp'), revert: record('revert'), openPage: record('openPage') } : record(name)) }) as TrayActions;
  return { actions, calls };
}

describe('tray: Connect a tool', () => {
  it('lists each tool with its status, and Set up / Revert call the proxy through the actions', () => {
    const { actions, calls } = actionsWithConnect();
    const menu = buildTrayMenu(runningState({ snapshot: snapshot({ clients: CLIENTS }) }), actions);
    const connect = findItem(menu, 'connect');
    expect(connect?.label).toBe('Connect a tool');
    expect((connect?.submenu as { label?: string }[]).map((item) => item.label)).toEqual([
      'Codex CLI — points elsewhere',
      'Claude Code — points here',
      'Gemini CLI — settings file unreadable (not found here)',
      undefined,
      'Editor extensions and apps (Cline, Roo Code, Cherry Studio…)…',
    ]);
    expect(findItem(menu, 'connect:codex:message')).toMatchObject({ label: 'Points at https://gateway.example.com/v1, not this proxy.', enabled: false });
    expect(findItem(menu, 'connect:claude-code:setup')?.label).toBe('Set up again');
    expect(findItem(menu, 'connect:codex:revert')?.enabled).toBe(false);
    expect(findItem(menu, 'connect:gemini-cli:setup')?.enabled).toBe(false);
    click(menu, 'connect:codex:setup');
    click(menu, 'connect:claude-code:revert');
    click(menu, 'connect:codex:preview');
    click(menu, 'connect:guided');
    expect(calls).toEqual(['setUp codex', 'revert claude-code', 'openPage', 'openPage']);
  });

  it('in Simplified Chinese: the submenu, each tool\'s state and its actions', () => {
    const { actions } = actionsWithConnect();
    const menu = buildTrayMenu(runningState({ snapshot: snapshot({ clients: CLIENTS }), t: createTranslator('zh-CN') }), actions);
    const connect = findItem(menu, 'connect');
    expect(connect?.label).toBe('连接工具');
    expect((connect?.submenu as { label?: string }[]).map((item) => item.label)).toEqual([
      'Codex CLI — 指向其他地址',
      'Claude Code — 已指向本代理',
      'Gemini CLI — 无法读取设置文件（本机未找到）',
      undefined,
      '编辑器扩展和应用（Cline、Roo Code、Cherry Studio…）…',
    ]);
    expect(findItem(menu, 'connect:claude-code:setup')?.label).toBe('重新配置');
    expect(findItem(menu, 'connect:codex:setup')?.label).toBe('配置');
    expect(findItem(menu, 'connect:codex:preview')?.label).toBe('在控制台中预览改动…');
    expect(findItem(menu, 'connect:codex:revert')?.label).toBe('还原为之前的文件');
    const stopped = buildTrayMenu(runningState({ proxy: { kind: 'stopped', byUser: true }, snapshot: null, t: createTranslator('zh-CN') }), actions);
    expect(findItem(stopped, 'connect:none')?.label).toBe('请先启动代理再连接工具');
  });

  it('with the proxy stopped, says to start it; without connect actions there is no submenu', () => {
    const { actions } = actionsWithConnect();
    const stopped = buildTrayMenu(runningState({ proxy: { kind: 'stopped', byUser: true }, snapshot: null }), actions);
    expect(findItem(stopped, 'connect:none')).toMatchObject({ label: 'Start the proxy to connect tools', enabled: false });
    const plain = buildTrayMenu(runningState({ snapshot: snapshot({ clients: CLIENTS }) }), {} as TrayActions);
    expect(findItem(plain, 'connect')).toBeUndefined();
  });

  it('the snapshot carries the clients from GET /clients, and a proxy without the route leaves them out', async () => {
    const answer = (route: string) => {
      if (route.endsWith('/clients')) return { baseUrl: 'http://127.0.0.1:8317', models: [], clients: CLIENTS };
      if (route.endsWith('/status')) return { version: 'x' };
      return [];
    };
    const fetchWith = (withClients: boolean): typeof fetch => async (input) => {
      const url = String(input);
      if (!withClients && url.endsWith('/clients')) return new Response('{"error":"Unknown route"}', { status: 404 });
      return new Response(JSON.stringify(answer(url)), { status: 200 });
    };
    const client = (withClients: boolean) => createManagementClient({ fetch: fetchWith(withClients), baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'k' });
    expect((await fetchSnapshot(client(true), Date.now())).clients?.map((item) => item.id)).toEqual(['codex', 'claude-code', 'gemini-cli', 'cline']);
    expect((await fetchSnapshot(client(false), Date.now())).clients).toBeUndefined();
  });
});
