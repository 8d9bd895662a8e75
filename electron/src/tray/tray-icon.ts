/**
 * The tray icon itself: one `Tray`, its image for the current health, title, tooltip and menu. If the
 * platform cannot show a tray (`new Tray` throws), `available` is false and the app relies on its window.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayHealth } from './tray-state.js';

/** The parts of an Electron `Tray` used here. */
export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayIconDeps {
  createTray(image: unknown): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  /** The image for each state (a NativeImage in production). */
  image(health: TrayHealth): unknown;
  platform: NodeJS.Platform;
  /** Left click on Windows, where a click does not open the menu. */
  onClick?(): void;
  log?(message: string): void;
}

export interface TrayView {
  health: TrayHealth;
  title: string;
  tooltip: string;
  menu: MenuItemConstructorOptions[];
}

export type TrayIcon = ReturnType<typeof createTrayIcon>;

export function createTrayIcon(deps: TrayIconDeps) {
  let tray: TrayLike | undefined;
  let health: TrayHealth | undefined;
  try {
    tray = deps.createTray(deps.image('stopped'));
    health = 'stopped';
    if (deps.platform === 'win32' && deps.onClick) tray.on('click', deps.onClick);
  } catch (error) {
    deps.log?.(`tray: not available on this desktop (${(error as Error).message}); launching the app again opens its window`);
  }
  let lastTitle = '';
  let lastTooltip = '';

  return {
    /** False when this desktop has no tray: the window is the only way in. */
    available: () => tray !== undefined,
    render(view: TrayView) {
      if (!tray) return;
      if (view.health !== health) {
        tray.setImage(deps.image(view.health));
        health = view.health;
      }
      if (view.tooltip !== lastTooltip) tray.setToolTip((lastTooltip = view.tooltip));
      // Only macOS shows a title beside the icon; elsewhere the tooltip and the menu's first line carry it.
      if (deps.platform === 'darwin' && view.title !== lastTitle) tray.setTitle((lastTitle = view.title));
      tray.setContextMenu(deps.buildMenu(view.menu));
    },
    dispose() {
      tray?.destroy();
      tray = undefined;
    },
  };
}
