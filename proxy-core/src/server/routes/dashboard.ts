import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import type { RouteContext, Router } from '../router.js';

export interface DashboardOptions {
  /** The built dashboard (dist/renderer): index.html and assets/. */
  dir: string;
  /** `remote-management.disable-control-panel`, read per request (hot reload): then `/ui` answers 404. */
  disabled?(): boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const DASHBOARD_CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Vite puts content-hashed files under assets/; they never change, so they may be cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built dashboard at `/ui` (GET/HEAD): files with their content type, `index.html` for any other
 * path (client-side routes), a strict CSP, and 503 with a hint when the dashboard was not built. Paths are
 * decoded, resolved and checked to stay inside `dir` (symlinks included), so `..` tricks get a 404.
 */
export function registerDashboardRoutes(router: Router, options: DashboardOptions): void {
  const root = path.resolve(options.dir);
  let realRoot: string | undefined;

  const serve = async (context: RouteContext) => {
    if (options.disabled?.()) {
      sendText(context, 404, 'The dashboard is turned off (remote-management.disable-control-panel: true in config.yaml).\n');
      return;
    }
    const indexFile = path.join(root, 'index.html');
    try {
      realRoot ??= await fsPromises.realpath(root);
      await fsPromises.access(indexFile);
    } catch {
      realRoot = undefined;
      sendText(context, 503, `The dashboard is not built (no ${indexFile}); run \`npm run build\`, then reload.\n`);
      return;
    }

    const rest = context.params['*'] ?? '';
    let relative: string;
    try {
      relative = decodeURIComponent(rest);
    } catch {
      sendText(context, 400, 'Bad path encoding.\n');
      return;
    }
    if (relative.includes('\0')) {
      sendText(context, 400, 'Bad path.\n');
      return;
    }

    const target = await resolveInside(realRoot, root, relative);
    if (target === 'outside') {
      sendText(context, 404, 'Not found.\n');
      return;
    }
    if (target) {
      const isAsset = path.relative(realRoot, target).split(path.sep)[0] === 'assets';
      await sendFile(context, target, isAsset ? IMMUTABLE : 'no-cache');
      return;
    }
    // A missing file with an extension (a stale asset link) is a 404; anything else is a client-side route.
    if (path.extname(relative) !== '' && path.extname(relative) !== '.html') {
      sendText(context, 404, 'Not found.\n');
      return;
    }
    await sendFile(context, indexFile, 'no-cache');
  };

  router.add('GET', '/ui', serve);
  router.add('GET', '/ui/*', serve);
}

/** The real path of `relative` under the dashboard folder: a file, `undefined` when absent, `'outside'` when it escapes. */
async function resolveInside(realRoot: string, root: string, relative: string): Promise<string | undefined | 'outside'> {
  const normalized = relative.replaceAll('\\', '/');
  const candidate = path.resolve(root, `.${path.posix.sep}${normalized}`);
  if (!isWithin(root, candidate)) return 'outside';
  let real: string;
  try {
    real = await fsPromises.realpath(candidate);
  } catch {
    return undefined;
  }
  if (!isWithin(realRoot, real)) return 'outside';
  const stat = await fsPromises.stat(real).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  return real;
}

function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function sendFile(context: RouteContext, file: string, cacheControl: string): Promise<void> {
  const { req, res } = context;
  let body: Buffer;
  try {
    body = await fsPromises.readFile(file);
  } catch {
    sendText(context, 404, 'Not found.\n');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': cacheControl,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(context: RouteContext, status: number, text: string): void {
  const { req, res } = context;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
