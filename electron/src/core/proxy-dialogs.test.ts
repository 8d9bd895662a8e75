import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/index.js';
import { askAboutPortConflict, askAboutStartFailure, type MessageBoxOptions } from './proxy-dialogs.js';

function box(response: number) {
  const shown: MessageBoxOptions[] = [];
  return { shown, show: async (options: MessageBoxOptions) => (shown.push(options), { response }) };
}

const conflict = {
  kind: 'port-conflict' as const,
  message: 'Port 8317 is already in use.',
  conflict: { host: '127.0.0.1', port: 8317, owner: { pid: 77 }, suggestedPort: 8318, cliproxy: null },
};

describe('proxy dialogs', () => {
  it('port conflict in English: who holds the port, a free port for this run or saved, and Not now', async () => {
    const { shown, show } = box(1);
    const choice = await askAboutPortConflict(show, conflict as never, { trayAvailable: true, t: createTranslator('en') });
    expect(choice).toEqual({ kind: 'use-port', port: 8318, save: true });
    expect(shown[0]).toMatchObject({
      message: 'Port 8317 is already in use.',
      detail: 'Stop process 77, or start the proxy on port 8318 instead. Tools set to port 8317 need the new address until you switch back.',
      buttons: ['Use port 8318 this time', 'Use port 8318 and save it', 'Not now'],
    });
  });

  it('port conflict in Simplified Chinese; without a tray the last button quits', async () => {
    const { shown, show } = box(2);
    const choice = await askAboutPortConflict(show, conflict as never, { trayAvailable: false, t: createTranslator('zh-CN') });
    expect(choice).toEqual({ kind: 'quit' });
    expect(shown[0]).toMatchObject({
      detail: '结束进程 77，或改为在端口 8318 上启动代理。在你切换回来之前，设置为端口 8317 的工具需要使用新地址。',
      buttons: ['本次使用端口 8318', '使用端口 8318 并保存', '退出'],
    });
    const other = box(0);
    await askAboutPortConflict(other.show, { ...conflict, conflict: { ...conflict.conflict, owner: null, cliproxy: { url: 'http://127.0.0.1:8317', version: '1' } } } as never, { trayAvailable: true, t: createTranslator('zh-CN') });
    expect(other.shown[0].detail).toBe('可以直接使用那个代理（它的控制台在 http://127.0.0.1:8317/ui），或停止它（在它的终端按 Ctrl-C），或改为在端口 8318 上启动本应用的代理。');
  });

  it('start failure in Simplified Chinese: the reason, the config file and a button to show it', async () => {
    const { shown, show } = box(0);
    const choice = await askAboutStartFailure(show, { kind: 'failed', message: 'The proxy did not start: config.yaml line 3: bad indent' } as never, { trayAvailable: true, configPath: '/home/u/.cli-proxy-api/config.yaml', t: createTranslator('zh-CN') });
    expect(choice).toEqual({ kind: 'show-config' });
    expect(shown[0]).toMatchObject({
      message: '代理未能启动',
      detail: 'config.yaml line 3: bad indent\n\n配置文件：/home/u/.cli-proxy-api/config.yaml',
      buttons: ['显示 config.yaml', '关闭'],
    });
    const english = box(1);
    expect(await askAboutStartFailure(english.show, { kind: 'failed', message: 'boom' } as never, { trayAvailable: false, configPath: null, t: createTranslator('en') })).toEqual({ kind: 'quit' });
    expect(english.shown[0]).toMatchObject({ message: 'The proxy did not start', detail: 'boom\n\nConfig file: not found', buttons: ['Show config.yaml', 'Quit'] });
  });
});
