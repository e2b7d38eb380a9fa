/**
 * A stand-in for the two Zapier services `z.stashFile` talks to outside Zapier: the RPC endpoint that
 * hands out a presigned upload, and the S3 bucket the file is posted to. With it, the demo and the
 * end-to-end tests run the app's real stashFile path and can read back the PNG a step produced.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

import { ZapierCache } from './zapier-cache';

export interface StashedFile {
  key: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** One request to the stand-in, with its handling time (arrival to the response's last byte), as in the sandbox's journal. */
export interface FilesRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface ZapierFiles {
  /** The RPC base to hand to zapier-platform-core (`event.rpc_base`). */
  readonly rpcUrl: string;
  readonly files: ReadonlyMap<string, StashedFile>;
  /** Every request so far, oldest first: Zapier's own time in a step that stashes a file. */
  readonly journal: readonly FilesRequest[];
  /** The stashed file behind a URL a step returned, if it is one of ours. */
  fileAt(url: string): StashedFile | undefined;
  /** z.cache's stand-in for one account (the runner's store key), created on first use. */
  cache(storeKey: string): ZapierCache;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });

/** The parts of a multipart/form-data body (what core's uploader sends, via the form-data package). */
const multipartParts = (body: Buffer, contentType: string) => {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; filename?: string; contentType?: string; data: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({ name, filename, contentType: type, data: part.subarray(headerEnd + 4) });
    start = next;
  }
  return parts;
};

export const startZapierFiles = async (): Promise<ZapierFiles> => {
  const files = new Map<string, StashedFile>();
  const journal: FilesRequest[] = [];
  const caches = new Map<string, ZapierCache>();
  const cacheFor = (storeKey: string) => caches.get(storeKey) ?? caches.set(storeKey, new ZapierCache()).get(storeKey)!;
  let base = '';
  const server: Server = createServer((req, res) => {
    const arrived = performance.now();
    res.on('close', () =>
      journal.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: res.statusCode, ms: performance.now() - arrived }),
    );
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/platform/rpc/cli') {
        const call = JSON.parse(body.toString('utf8')) as { id: string; method: string; storeKey?: string; params?: unknown[] };
        const cached = cacheFor(call.storeKey ?? '').answer(call.method, call.params ?? []);
        if (cached) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ id: call.id, result: cached.result }));
        }
        const result =
          call.method === 'get_presigned_upload_post_data'
            ? { url: `${base}/files/`, fields: { key: `stash/${randomUUID()}`, policy: 'sandbox' } }
            : undefined;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(result ? { id: call.id, result } : { id: call.id, error: `the sandbox does not answer ${call.method}` }));
      }
      if (req.method === 'POST' && url.pathname === '/files/') {
        const parts = multipartParts(body, req.headers['content-type'] ?? '');
        const key = parts.find((p) => p.name === 'key')?.data.toString('utf8');
        const file = parts.find((p) => p.name === 'file');
        if (!key || !file) {
          res.writeHead(400);
          return res.end('a key and a file are required');
        }
        files.set(key, { key, filename: file.filename ?? 'file', contentType: file.contentType ?? 'application/octet-stream', bytes: file.data });
        res.writeHead(204); // S3 answers a presigned POST with 204
        return res.end();
      }
      const stored = req.method === 'GET' ? files.get(url.pathname.replace(/^\/files\//, '')) : undefined;
      if (stored) {
        res.writeHead(200, { 'content-type': stored.contentType });
        return res.end(stored.bytes);
      }
      res.writeHead(404);
      res.end();
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    rpcUrl: `${base}/platform/rpc/cli`,
    files,
    journal,
    cache: cacheFor,
    fileAt: (url) => (url.startsWith(`${base}/files/`) ? files.get(url.slice(`${base}/files/`.length)) : undefined),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
