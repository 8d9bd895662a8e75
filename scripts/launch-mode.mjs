/**
 * Desktop or headless? Desktop needs a built Electron main, an Electron runtime on disk, and (on Linux)
 * a display. Pure: the caller passes what it found.
 */
export function chooseLaunch({ platform, env, electronBinary, desktopEntry, electronProblem }) {
  if (!desktopEntry) return { kind: 'headless', reason: 'The desktop shell is not built' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { kind: 'headless', reason: 'No display (DISPLAY/WAYLAND_DISPLAY) is available' };
  if (!electronBinary) return { kind: 'headless', reason: electronProblem ?? 'No Electron runtime could be found or downloaded' };
  return { kind: 'desktop', binary: electronBinary, entry: desktopEntry };
}

/**
 * The Electron runtime on disk, downloaded first when missing (what `require('electron')` would do), but with the
 * installer's output captured: a failed download becomes one sentence with its reason, not the installer's
 * `TypeError: fetch failed` stack. `io` is injected: exists(path), readFile(path), download() → { status, output }.
 */
export function findElectronRuntime({ electronDir, env, io }) {
  const pathFile = `${electronDir}/path.txt`;
  const binaryOf = () => {
    if (!io.exists(pathFile)) return undefined;
    const relative = io.readFile(pathFile).trim();
    const dist = env.ELECTRON_OVERRIDE_DIST_PATH || `${electronDir}/dist`;
    const binary = `${dist}/${relative || 'electron'}`;
    return io.exists(binary) ? binary : undefined;
  };
  const present = binaryOf();
  if (present) return { binary: present };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return { problem: `No Electron runtime in ELECTRON_OVERRIDE_DIST_PATH (${env.ELECTRON_OVERRIDE_DIST_PATH})` };
  const result = io.download();
  const downloaded = result.status === 0 ? binaryOf() : undefined;
  return downloaded ? { binary: downloaded } : { problem: describeDownloadFailure(result.output) };
}

/** One sentence for a failed runtime download: the network reason when the output names one. */
export function describeDownloadFailure(output) {
  const network = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+)\b(?:\s+([\w.-]+\.[a-z]{2,}))?/.exec(output);
  const status = /\b(?:HTTP|status(?: code)?)\s*:?\s*(\d{3})\b/i.exec(output);
  const reason = network
    ? `${network[1]}${network[2] ? ` ${network[2]}` : ''}`
    : status
      ? `HTTP ${status[1]}`
      : /fetch failed/.test(output)
        ? 'the network request failed'
        : 'the installer stopped with an error';
  return `The Electron runtime could not be downloaded (${reason}); retry with \`node node_modules/electron/install.js\`, or set ELECTRON_MIRROR`;
}
