import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  startedAt: number;
  remoteAddress: string;
  isLoopback: boolean;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;

interface PatternRoute {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A small router: exact paths in a map (the hot routes), `:param` and trailing `*` patterns in a list.
 * `HEAD` falls back to the `GET` handler.
 */
export function createRouter() {
  const exact = new Map<string, RouteHandler>();
  const patterns: PatternRoute[] = [];

  const add = (method: string, path: string, handler: RouteHandler) => {
    if (path.includes(':') || path.endsWith('*')) patterns.push({ method, segments: path.split('/'), handler });
    else exact.set(`${method} ${path}`, handler);
  };

  const match = (method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined => {
    const direct = exact.get(`${method} ${path}`) ?? (method === 'HEAD' ? exact.get(`GET ${path}`) : undefined);
    if (direct) return { handler: direct, params: {} };
    const parts = path.split('/');
    for (const route of patterns) {
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { handler: route.handler, params };
    }
    return undefined;
  };

  /** True when some method serves this path (for 405 vs 404). */
  const hasPath = (path: string): boolean => {
    for (const key of exact.keys()) if (key.slice(key.indexOf(' ') + 1) === path) return true;
    return patterns.some((route) => matchSegments(route.segments, path.split('/')) !== undefined);
  };

  return { add, match, hasPath };
}

export type Router = ReturnType<typeof createRouter>;

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment === '*') {
      params['*'] = parts.slice(index).join('/');
      return params;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.startsWith(':')) {
      if (part === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (segment !== part) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}
