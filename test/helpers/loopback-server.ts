/**
 * A tiny loopback HTTP server for failures nock cannot fake faithfully (a dropped socket on a POST).
 * Each request takes the next scripted behaviour; requests are counted so tests can assert retries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer, a dropped socket after the request arrived (a reset), or silence until the server closes (a timeout). */
export type Behaviour = { status: number; body?: string } | 'drop' | 'hang';

/** Plays one behaviour once the request body has arrived: hang, drop the connection, or answer. */
const answer = (behaviour: Behaviour, req: http.IncomingMessage, res: http.ServerResponse) => {
  req.resume();
  req.on('end', () => {
    if (behaviour === 'hang') return;
    if (behaviour === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(behaviour.status, { 'content-type': 'application/json' });
    res.end(behaviour.body ?? '');
  });
};

export const startLoopbackServer = async (script: Behaviour[]) => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    const behaviour = script[Math.min(requests, script.length - 1)]!;
    requests++;
    answer(behaviour, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/** A port nothing listens on: connecting to it is refused at once. */
export const refusedUrl = async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
};

/**
 * A loopback server that answers by route: `handler` gets the method, the path and how many requests this
 * route has had before, and returns what to do. Requests are counted per "METHOD /path".
 */
export const startScriptedServer = async (handler: (method: string, path: string, previous: number, query: URLSearchParams) => Behaviour) => {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const path = url.pathname;
    const key = `${req.method} ${path}`;
    const previous = counts.get(key) ?? 0;
    counts.set(key, previous + 1);
    const behaviour = handler(req.method ?? 'GET', path, previous, url.searchParams);
    answer(behaviour, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests so far to "METHOD /path". */
    count: (key: string) => counts.get(key) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
