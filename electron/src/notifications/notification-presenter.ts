/**
 * Shows notifications with Electron's native `Notification`. Shown ones are kept referenced until closed (a
 * collected notification loses its click handler on some platforms). Does nothing where notifications are
 * unsupported.
 */
import type { DesktopNotification } from './notifier.js';

export interface NativeNotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationPresenterDeps {
  createNotification(options: { title: string; body: string; icon?: unknown; silent?: boolean }): NativeNotificationLike;
  isSupported(): boolean;
  icon?: unknown;
  onClick?(notification: DesktopNotification): void;
}

export type NotificationPresenter = ReturnType<typeof createNotificationPresenter>;

export function createNotificationPresenter(deps: NotificationPresenterDeps) {
  const open = new Set<NativeNotificationLike>();
  return {
    show(notification: DesktopNotification): boolean {
      if (!deps.isSupported()) return false;
      const native = deps.createNotification({ title: notification.title, body: notification.body, icon: deps.icon });
      open.add(native);
      native.on('close', () => open.delete(native));
      native.on('click', () => {
        open.delete(native);
        deps.onClick?.(notification);
      });
      native.show();
      return true;
    },
    showAll(notifications: readonly DesktopNotification[]): void {
      for (const notification of notifications) this.show(notification);
    },
  };
}
