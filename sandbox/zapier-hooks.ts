/**
 * A stand-in for a Zap's hook URL (hooks.zapier.com/hooks/catch/…): it accepts any POST, answers as
 * Zapier does (200 with a JSON status), and keeps each request so a test or the demo can run the hook
 * trigger on it with ZapierRunner.hook. Loopback only.
 */
import { createServer, type Server } from 'node:http';

import type { HookRequest } from './zapier-runner';

export interface HookCatcher {
  readonly url: string;
  readonly received: readonly HookRequest[];
  close(): Promise<void>;
}

export const startHookCatcher = async (): Promise<HookCatcher> => {
  const received: HookRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [, querystring = ''] = (req.url ?? '').split(/\?(.*)/s);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      received.push({ method: req.method ?? 'POST', headers, content: Buffer.concat(chunks).toString('utf8'), querystring });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', attempt: String(received.length) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/catch/1/sandbox/`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
