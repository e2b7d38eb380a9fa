import type { IncomingHttpHeaders } from 'node:http';

/** The three upstream hosts the sandbox stands in for, one loopback listener each. */
export type ServiceName = 'trustpilotApi' | 'trustpilotInvitations' | 'salesforce';
export const SERVICES: readonly ServiceName[] = ['trustpilotApi', 'trustpilotInvitations', 'salesforce'];

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects and arrays are sent as JSON; undefined sends an empty body. */
  body?: unknown;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  /** Express-style: /v1/private/reviews/:reviewId/reply. "METHOD pattern" is the route's key in counters and faults. */
  pattern: string;
  handler: Handler;
}

/** Thrown by handlers to answer with an error response from any depth. */
export class HttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
  }
}

export const routeKey = (method: string, pattern: string): string => `${method} ${pattern}`;

export interface CompiledRoute extends Route {
  key: string;
  match(path: string): Record<string, string> | undefined;
}

export const compileRoute = (route: Route): CompiledRoute => {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return {
    ...route,
    key: routeKey(route.method, route.pattern),
    match(path) {
      const m = regex.exec(path);
      if (!m) return undefined;
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    },
  };
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers,
  body,
});

export const empty = (status: number): SandboxResponse => ({ status });

/** Parses a JSON body; undefined when it is not JSON (the caller decides what the upstream would say). */
export const parseJson = (req: SandboxRequest): unknown => {
  try {
    return JSON.parse(req.body);
  } catch {
    return undefined;
  }
};

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export const header = (req: SandboxRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export const bearerToken = (req: SandboxRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
