/**
 * Self-update through electron-updater's autoUpdater (injected, so tests drive a fake): a quiet check at start
 * (unless turned off in the tray), "Check for updates…" from the tray, release notes in the dialog that offers
 * the update, and "Skip this version" to stay on the current one. Nothing downloads without the user's yes.
 */
import type { MessageBoxOptions, ShowMessageBox } from '../core/proxy-dialogs.js';
import type { Translate } from '../i18n/index.js';
import type { Settings } from '../settings/settings-store.js';

/** What electron-updater's UpdateInfo carries that we use. */
export interface UpdateInfoLike {
  version: string;
  releaseNotes?: string | Array<{ version: string; note: string | null }> | null;
  releaseName?: string | null;
}

/** The parts of electron-updater's `autoUpdater` used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{ updateInfo: UpdateInfoLike } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type UpdateStatus =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'available'; version: string; notes: string }
  | { kind: 'downloading'; version: string; notes: string }
  | { kind: 'ready'; version: string; notes: string }
  | { kind: 'up-to-date' }
  | { kind: 'failed'; message: string };

export interface UpdateCheckerDeps {
  /** Absent where updates cannot work (a development checkout): manual checks say so. */
  updater?: AutoUpdaterLike;
  currentVersion: string;
  settings: Settings;
  showMessageBox: ShowMessageBox;
  notify(message: { title: string; body: string }): void;
  translate(): Translate;
  /** The tray re-renders. */
  onChange(status: UpdateStatus): void;
  log(message: string): void;
}

const MAX_NOTES = 3000;

/** electron-updater's release notes (HTML from GitHub, or a list per version) as plain text. */
export function releaseNotesText(notes: UpdateInfoLike['releaseNotes']): string {
  const raw = Array.isArray(notes) ? notes.map((entry) => `${entry.version}\n${entry.note ?? ''}`).join('\n\n') : (notes ?? '');
  const text = raw
    .replace(/<\s*(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES).trimEnd()}…` : text;
}

export type UpdateChecker = ReturnType<typeof createUpdateChecker>;

export function createUpdateChecker(deps: UpdateCheckerDeps) {
  let status: UpdateStatus = { kind: 'idle' };
  const set = (next: UpdateStatus) => {
    status = next;
    deps.onChange(next);
  };
  const t = (key: string, options?: Record<string, unknown>) => deps.translate()(`notifications:update.${key}`, options);

  if (deps.updater) {
    deps.updater.autoDownload = false;
    deps.updater.autoInstallOnAppQuit = true;
    deps.updater.on('update-downloaded', (info) => {
      set({ kind: 'ready', version: info.version, notes: releaseNotesText(info.releaseNotes) });
      deps.notify({ title: t('ready', { version: info.version }), body: t('readyBody') });
    });
    deps.updater.on('error', (error) => {
      deps.log(`update: ${error.message}`);
      if (status.kind === 'downloading') set({ kind: 'failed', message: error.message });
    });
  }

  /** Offers the update with its notes: download it, skip this version, or later. */
  async function offer(version: string, notes: string): Promise<void> {
    const options: MessageBoxOptions = {
      type: 'info',
      title: t('available', { version }),
      message: t('available', { version }),
      detail: `${t('availableBody', { current: deps.currentVersion })}\n\n${notes || t('noNotes')}`,
      buttons: [t('download'), t('skip'), t('later')],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    };
    const { response } = await deps.showMessageBox(options);
    if (response === 1) {
      deps.settings.update({ updates: { ...deps.settings.get().updates, skippedVersion: version } });
      set({ kind: 'idle' });
      return;
    }
    if (response !== 0 || !deps.updater) return;
    set({ kind: 'downloading', version, notes });
    try {
      await deps.updater.downloadUpdate();
    } catch (error) {
      set({ kind: 'failed', message: (error as Error).message });
      deps.notify({ title: t('failed'), body: (error as Error).message });
    }
  }

  async function installNow(): Promise<void> {
    if (status.kind !== 'ready' || !deps.updater) return;
    const { response } = await deps.showMessageBox({
      type: 'info',
      title: t('ready', { version: status.version }),
      message: t('ready', { version: status.version }),
      detail: status.notes || t('noNotes'),
      buttons: [t('restart'), t('later')],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0) deps.updater.quitAndInstall();
  }

  /** `manual`: the user asked (tray), so "up to date", errors and skipped versions are shown too. */
  async function check(manual: boolean): Promise<UpdateStatus> {
    if (!deps.updater) {
      if (manual) deps.notify({ title: t('notInstalled'), body: t('notInstalledBody', { version: deps.currentVersion }) });
      return status;
    }
    if (status.kind === 'checking' || status.kind === 'downloading') return status;
    set({ kind: 'checking' });
    let info: UpdateInfoLike | undefined;
    try {
      info = (await deps.updater.checkForUpdates())?.updateInfo;
    } catch (error) {
      deps.log(`update check failed: ${(error as Error).message}`);
      set({ kind: 'failed', message: (error as Error).message });
      if (manual) deps.notify({ title: t('failed'), body: (error as Error).message });
      return status;
    }
    if (!info || !isNewer(info.version, deps.currentVersion)) {
      set({ kind: 'up-to-date' });
      if (manual) deps.notify({ title: t('none'), body: t('noneBody', { version: deps.currentVersion }) });
      return status;
    }
    const notes = releaseNotesText(info.releaseNotes);
    const skipped = deps.settings.get().updates.skippedVersion === info.version;
    if (skipped && !manual) {
      set({ kind: 'idle' });
      return status;
    }
    set({ kind: 'available', version: info.version, notes });
    if (manual) await offer(info.version, notes);
    else deps.notify({ title: t('available', { version: info.version }), body: t('availableBodyShort', { current: deps.currentVersion, version: info.version }) });
    return status;
  }

  return {
    status: () => status,
    /** At start: quiet, and only when automatic checks are on. */
    async checkAtStart(): Promise<UpdateStatus> {
      if (!deps.updater || !deps.settings.get().updates.autoCheck) return status;
      return check(false);
    },
    /** The tray item: check, or offer the found update, or install the downloaded one. */
    async trayAction(): Promise<void> {
      if (status.kind === 'available') return offer(status.version, status.notes);
      if (status.kind === 'ready') return installNow();
      await check(true);
    },
    setAutoCheck(enabled: boolean): void {
      deps.settings.update({ updates: { ...deps.settings.get().updates, autoCheck: enabled } });
    },
  };
}

/** "1.2.10" > "1.2.9"; pre-releases ("1.3.0-beta.1") count below their release. */
export function isNewer(candidate: string, current: string): boolean {
  const parse = (version: string) => {
    const [core, pre] = version.replace(/^v/, '').split('-', 2);
    return { parts: core.split('.').map((part) => Number.parseInt(part, 10) || 0), pre: pre ?? null };
  };
  const a = parse(candidate);
  const b = parse(current);
  for (let index = 0; index < Math.max(a.parts.length, b.parts.length); index += 1) {
    const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  if (a.pre === b.pre) return false;
  if (a.pre === null) return true;
  if (b.pre === null) return false;
  return a.pre > b.pre;
}
