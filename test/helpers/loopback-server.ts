/**
 * A tiny loopback HTTP server for failures nock cannot fake faithfully (a dropped socket on a POST).
 * Each request takes the next scripted behaviour; requests are counted so tests can assert retries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = { status: number; body?: string } | 'drop';

export const startLoopbackServer = async (script: Behaviour[]) => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    const behaviour = script[Math.min(requests, script.length - 1)]!;
    requests++;
    req.resume();
    req.on('end', () => {
      if (behaviour === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(behaviour.status, { 'content-type': 'application/json' });
      res.end(behaviour.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
