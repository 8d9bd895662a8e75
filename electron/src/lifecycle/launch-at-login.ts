/**
 * "Launch at login": Electron's login items on macOS and Windows; on Linux (where Electron has none) an XDG
 * autostart entry, `~/.config/autostart/cliproxy-desktop.desktop`. The app then starts hidden in the tray.
 */
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
}

export interface AutostartFiles {
  existsSync(file: string): boolean;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  writeFileSync(file: string, text: string, options: { mode: number }): void;
  rmSync(file: string, options: { force: true }): void;
}

export interface LaunchAtLoginDeps {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  files: AutostartFiles;
  /** `$XDG_CONFIG_HOME/autostart` or `~/.config/autostart`. */
  autostartDir: string;
  /** The command that starts the app: the AppImage or executable, plus the app folder in development. */
  command: readonly string[];
}

export const AUTOSTART_FILE_NAME = 'cliproxy-desktop.desktop';

/** A desktop-entry Exec argument, quoted when needed (freedesktop Desktop Entry spec, "Exec key"). */
export function quoteExecArgument(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `"${argument.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=CLIProxy Desktop',
    'Comment=Local AI API proxy on 127.0.0.1:8317',
    `Exec=${[...command, HIDDEN_FLAG].map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export type LaunchAtLogin = ReturnType<typeof createLaunchAtLogin>;

export function createLaunchAtLogin(deps: LaunchAtLoginDeps) {
  const file = path.join(deps.autostartDir, AUTOSTART_FILE_NAME);
  const args = [HIDDEN_FLAG];
  return {
    get(): boolean {
      if (deps.platform === 'linux') return deps.files.existsSync(file);
      return deps.app.getLoginItemSettings({ args }).openAtLogin;
    },
    /** Applies the setting and answers what is now in effect. */
    set(enabled: boolean): boolean {
      if (deps.platform === 'linux') {
        if (enabled) {
          deps.files.mkdirSync(deps.autostartDir, { recursive: true });
          deps.files.writeFileSync(file, autostartEntry(deps.command), { mode: 0o644 });
        } else {
          deps.files.rmSync(file, { force: true });
        }
      } else {
        deps.app.setLoginItemSettings({ openAtLogin: enabled, args });
      }
      return this.get();
    },
  };
}
