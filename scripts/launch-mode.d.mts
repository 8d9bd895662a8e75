/** Types for launch-mode.mjs (plain JS so `npm start` runs it without a build). */
export interface LaunchInput {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The Electron executable, when one is on disk. */
  electronBinary: string | undefined;
  /** dist/electron/main.js, when the desktop shell is built. */
  desktopEntry: string | undefined;
}

export type LaunchMode = { kind: 'desktop'; binary: string; entry: string } | { kind: 'headless'; reason: string };

export function chooseLaunch(input: LaunchInput): LaunchMode;
