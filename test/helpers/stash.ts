/**
 * z.stashFile outside Zapier, the way core 19.1.0 does it (src/tools/create-file-stasher.js, create-rpc-client.js,
 * uploader.js):
 *   1. POST https://rpc.zapier.com/cli with {id, storeKey, method: 'get_presigned_upload_post_data', params: []}
 *      and header X-Deploy-Key; the answer must echo the id: {id, result: {url, fields}};
 *   2. a multipart/form-data POST to `result.url` with every `fields` entry, Content-Disposition, Content-Type,
 *      then the file as the `file` part; S3 answers 204;
 *   3. the stashed file's URL is `new URL(fields.key, url).href`.
 * Needs process.env.ZAPIER_DEPLOY_KEY (any value) so the RPC client agrees to call out.
 */
import { randomUUID } from 'node:crypto';

import nock from 'nock';

export const STASH_BUCKET = 'https://zapier-dev-files.s3.amazonaws.com/';
export const DEPLOY_KEY = 'test';

export interface UploadedPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: Buffer;
}

export interface Stashes {
  rpc: Array<{ method: string; params: unknown[]; deployKey: string | undefined }>;
  /** The `file` part of each upload. */
  files: UploadedPart[];
  /** Every form field of each upload except the file, by name. */
  forms: Array<Record<string, string>>;
  /** The URL z.stashFile returns for each stash, in order. */
  urls: string[];
}

/** nock gives a binary body as hex text; anything else as UTF-8 text. */
function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return /^(?:[0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}

/** Splits a multipart/form-data body into its parts (RFC 7578), using the boundary on its first line. */
export function multipartParts(body: Buffer): UploadedPart[] {
  const firstLineEnd = body.indexOf('\r\n');
  const delimiter = Buffer.from(`\r\n${body.subarray(0, firstLineEnd).toString('latin1')}`);
  const parts: UploadedPart[] = [];
  let at = firstLineEnd + 2;
  for (;;) {
    const end = body.indexOf(delimiter, at);
    if (end < 0) break;
    const part = body.subarray(at, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(headers);
    parts.push({
      name: disposition?.[1] ?? '',
      filename: disposition?.[2],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
      content: Buffer.from(part.subarray(headerEnd + 4)),
    });
    at = end + delimiter.length + 2; // past the delimiter and its CRLF (or the closing "--")
  }
  return parts;
}

/** Answers `times` stashes like Zapier's RPC and S3 do, recording what was asked and uploaded. */
export function nockStash(times = 1): Stashes {
  const stashes: Stashes = { rpc: [], files: [], forms: [], urls: [] };
  nock('https://rpc.zapier.com')
    .post('/cli')
    .times(times)
    .reply(function (_uri, body) {
      const call = (typeof body === 'string' ? JSON.parse(body) : body) as { id: string; method: string; params: unknown[] };
      const deployKey = this.req.headers['x-deploy-key'];
      stashes.rpc.push({ method: call.method, params: call.params, deployKey: Array.isArray(deployKey) ? deployKey[0] : deployKey });
      if (call.method !== 'get_presigned_upload_post_data') return [200, { id: call.id, error: `unexpected RPC method ${call.method}` }];
      const key = `cli-files/${randomUUID()}/qr.png`;
      stashes.urls.push(new URL(key, STASH_BUCKET).href);
      return [
        200,
        {
          id: call.id,
          result: {
            url: STASH_BUCKET,
            fields: {
              key,
              AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              acl: 'private',
              policy: 'eyJleHBpcmF0aW9uIjogIjIwMjYtMTEtMjRUMDQ6MDA6MDBaIn0=',
              signature: 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=',
            },
          },
        },
      ];
    });
  nock(STASH_BUCKET)
    .post('/')
    .times(times)
    .reply(204, function (_uri, body) {
      const parts = multipartParts(bodyBytes(body));
      const file = parts.find((part) => part.name === 'file');
      if (file) stashes.files.push(file);
      stashes.forms.push(Object.fromEntries(parts.filter((part) => part.name !== 'file').map((part) => [part.name, part.content.toString('utf8')])));
      return '';
    });
  return stashes;
}

/** The RPC answers with an error, as when Zapier's file service is down: z.stashFile rejects. */
export function nockStashFailure(): void {
  nock('https://rpc.zapier.com')
    .post('/cli')
    .reply((_uri, body) => {
      const call = (typeof body === 'string' ? JSON.parse(body) : body) as { id: string };
      return [200, { id: call.id, error: 'File storage is temporarily unavailable' }];
    });
}
