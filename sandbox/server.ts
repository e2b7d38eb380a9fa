import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CallCounters } from './calls';
import type { Faults } from './faults';
import {
  compileRoute,
  HttpError,
  type CompiledRoute,
  type Route,
  type SandboxRequest,
  type SandboxResponse,
  type ServiceName,
} from './http';

/** Never anything but loopback: the sandbox holds seeded secrets and accepts any client that knows them. */
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1_000_000;

export interface ServiceDefinition {
  name: ServiceName;
  routes: Route[];
  contentType: string;
  /** The body this host sends with an error status (injected faults, unexpected errors). */
  errorResponse(status: number): SandboxResponse;
  /** No route matched; `allowed` lists the methods the path does accept, if any. */
  notFound(req: SandboxRequest, allowed: string[]): SandboxResponse;
  /** Consulted after faults and before the handler; returns a response to refuse the call with. */
  admit?(req: SandboxRequest): SandboxResponse | undefined;
}

/** One upstream host: a loopback listener that routes, counts, injects faults and can be closed and reopened. */
export class ServiceListener {
  readonly routes: CompiledRoute[];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly aborts = new AbortController();
  private port = 0;
  private listening = false;

  constructor(
    private readonly def: ServiceDefinition,
    private readonly counters: CallCounters,
    private readonly faults: Faults,
  ) {
    this.routes = def.routes.map(compileRoute);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as { port: number }).port;
    this.listening = true;
  }

  /** Stops accepting connections and cuts open ones (keep-alive sockets would otherwise keep working). */
  async refuse(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    // Give in-process clients a moment to see their pooled keep-alive sockets close, so that their next
    // request opens a new connection and is refused, rather than racing onto a half-closed socket.
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  /** Reopens on the same port. */
  async accept(): Promise<void> {
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.aborts.abort();
    await this.refuse();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const wire = { service: this.def.name, method: (req.method ?? 'GET').toUpperCase(), path: req.url ?? '/' };
    res.on('close', () =>
      this.counters.record({ ...wire, status: res.writableFinished ? res.statusCode : 'dropped', ms: performance.now() - arrived }),
    );
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      const method = (req.method ?? 'GET').toUpperCase();
      let params: Record<string, string> | undefined;
      const route = this.routes.find((r) => r.method === method && (params = r.match(url.pathname)));
      this.counters.hit(this.def.name, route?.key);
      const request: SandboxRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        params: params ?? {},
        body,
      };
      if (!route) {
        const allowed = this.routes.filter((r) => r.match(url.pathname)).map((r) => r.method);
        return send(res, this.def.notFound(request, allowed), this.def.contentType);
      }

      const fault = this.faults.take(route.key);
      if (fault?.kind === 'delay') await sleep(fault.ms, this.aborts.signal);
      if (fault?.kind === 'dropBeforeHandling') return void req.socket.destroy();
      if (fault?.kind === 'status') {
        const response = this.def.errorResponse(fault.status);
        if (fault.retryAfter !== undefined) response.headers = { ...response.headers, 'Retry-After': String(fault.retryAfter) };
        return send(res, response, this.def.contentType);
      }
      const refused = this.def.admit?.(request);
      if (refused) return send(res, refused, this.def.contentType);

      const response = await this.run(route, request);
      if (fault?.kind === 'dropAfterHandling') return void req.socket.destroy();
      if (fault?.kind === 'statusAfterHandling') return send(res, this.def.errorResponse(fault.status), this.def.contentType);
      send(res, response, this.def.contentType);
    } catch (e) {
      if (this.aborts.signal.aborted) return void req.socket.destroy();
      if (e instanceof BodyTooLarge) return send(res, this.def.errorResponse(413), this.def.contentType);
      console.error(`sandbox ${this.def.name} failed:`, e);
      send(res, this.def.errorResponse(500), this.def.contentType);
    }
  }

  private async run(route: CompiledRoute, request: SandboxRequest): Promise<SandboxResponse> {
    try {
      return await route.handler(request);
    } catch (e) {
      if (e instanceof HttpError) return e.response;
      // A sandbox bug: answer like the upstream's own 500 and say what broke, for whoever reads the test output.
      console.error(`sandbox ${this.def.name} ${route.key} failed:`, e);
      return this.def.errorResponse(500);
    }
  }
}

class BodyTooLarge extends Error {}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('sandbox closed'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

const send = (res: ServerResponse, response: SandboxResponse, contentType: string): void => {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (typeof response.body === 'string') payload = response.body;
  else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['Content-Type'] ??= contentType;
  }
  headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
};
