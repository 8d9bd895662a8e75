/** Types for launch-mode.mjs (plain JS so `npm start` runs it without a build). */
export interface LaunchInput {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The Electron executable, when one is on disk. */
  electronBinary: string | undefined;
  /** dist/electron/main.js, when the desktop shell is built. */
  desktopEntry: string | undefined;
  /** Why no Electron runtime is there (a failed download), for the headless line. */
  electronProblem?: string;
}

export interface RuntimeIo {
  exists(path: string): boolean;
  readFile(path: string): string;
  download(): { status: number | null; output: string };
}

export function findElectronRuntime(input: { electronDir: string; env: Readonly<Record<string, string | undefined>>; io: RuntimeIo }): { binary: string } | { problem: string };
export function describeDownloadFailure(output: string): string;

export type LaunchMode = { kind: 'desktop'; binary: string; entry: string } | { kind: 'headless'; reason: string };

export function chooseLaunch(input: LaunchInput): LaunchMode;
