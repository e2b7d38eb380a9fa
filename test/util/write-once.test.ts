/**
 * Every write path, as Zapier runs it: with a z.cache that honours set-if-absent (the stand-in in
 * test/helpers/caches.ts, shared by all runs as Zapier's cache is per account), concurrent replays and
 * faults after the request was sent. A write must reach the upstream at most once, and a replay after an
 * unknown outcome must halt with the same sentence.
 */
import nock from 'nock';

import { stepClock } from '../../src/http';
import conversationComment from '../fixtures/trustpilot/conversation-comment.json';
import productReview from '../fixtures/trustpilot/product-review.json';
import opportunityFound from '../fixtures/salesforce/log-review-opportunity-found.json';
import taskCreated from '../fixtures/salesforce/task-created.json';
import invitationLinkFixture from '../fixtures/trustpilot/invitation-link.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, zapierError } from '../helpers';
import { InterleavingCache, MemoryCache } from '../helpers/caches';
import { startScriptedServer, type Behaviour } from '../helpers/loopback-server';
import { createPerform } from '../helpers/operations';

const REVIEW_ID = '664327a1f0e2b8c3d4e5f601';
const PRODUCT_REVIEW_ID = '6650a1f2c3b4d5e6f7a8b9c0';
const CONVERSATION_ID = '66a0c0ffee0000000000c001';

interface WritePath {
  name: string;
  key: string;
  input: Record<string, unknown>;
  /** "METHOD /path" of the write that must happen once. */
  write: string;
  /** The write's success answer. */
  ok: Behaviour;
  /** Answers to the reads the step makes before writing. */
  reads?: Record<string, Behaviour>;
}

const PATHS: WritePath[] = [
  {
    name: 'Send Review Invitation',
    key: 'send_invitation',
    input: { consumer_email: 'jane@example.com', consumer_name: 'Jane Cooper', reference_number: 'ORD-1' },
    write: `POST /v1/private/business-units/${BUSINESS_UNIT_ID}/email-invitations`,
    ok: { status: 202, body: '' },
  },
  {
    name: 'Generate Invitation Link',
    key: 'generate_invitation_link',
    input: { consumer_email: 'jane@example.com', consumer_name: 'Jane Cooper', reference_number: 'ORD-1' },
    write: `POST /v1/private/business-units/${BUSINESS_UNIT_ID}/invitation-links`,
    ok: { status: 200, body: JSON.stringify(invitationLinkFixture) },
  },
  {
    name: 'Reply to Review (service)',
    key: 'reply_to_review',
    input: { review_id: REVIEW_ID, message: 'Thank you, Jane.', review_type: 'service' },
    write: `POST /v1/private/reviews/${REVIEW_ID}/reply`,
    ok: { status: 201, body: '' },
  },
  {
    name: 'Reply to Review (product comment)',
    key: 'reply_to_review',
    input: { review_id: PRODUCT_REVIEW_ID, message: 'Thanks Sam.', review_type: 'product' },
    write: `POST /v1/private/conversations/${CONVERSATION_ID}/comments`,
    ok: { status: 201, body: JSON.stringify(conversationComment) },
    reads: { [`GET /v1/private/product-reviews/${PRODUCT_REVIEW_ID}`]: { status: 200, body: JSON.stringify({ ...productReview, conversationId: CONVERSATION_ID }) } },
  },
  {
    name: 'Log Review in Salesforce',
    key: 'log_review_in_salesforce',
    input: { review_id: REVIEW_ID, reference_id: '0065g00000XyZ12AAF', title: 'Great tent', stars: '5' },
    write: 'POST /services/data/v66.0/sobjects/Task',
    ok: { status: 201, body: JSON.stringify(taskCreated) },
    reads: { 'GET /services/data/v66.0/query': { status: 200, body: JSON.stringify(opportunityFound) } },
  },
];

/** Runs one step with `cache` standing in for z.cache (shared across runs, as Zapier's is per account). */
const runStep = (key: string, input: Record<string, unknown>, cache: MemoryCache, baseUrl: string) =>
  appTester(
    async (z, bundle) => {
      Object.assign(z.cache, {
        get: (k: string) => cache.get(k),
        set: (k: string, v: unknown, ttl?: number, scope?: string[], nx?: boolean) => cache.set(k, v, ttl, scope, nx),
        delete: (k: string) => cache.delete(k),
      });
      return createPerform(key)(z, bundle);
    },
    { authData: { ...authData, salesforce_instance_url: baseUrl }, inputData: input },
  );

const budget = stepClock.budgetMs;
beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterEach(() => {
  stepClock.budgetMs = budget;
  delete process.env.TRUSTPILOT_API_URL;
  delete process.env.TRUSTPILOT_INVITATIONS_API_URL;
});

const serve = async (path: WritePath, firstWrite: Behaviour) => {
  const server = await startScriptedServer((method, p, previous, query) => {
    const route = `${method} ${p}`;
    if (route === path.write) return previous === 0 ? firstWrite : path.ok;
    // The org's closed Task status, which Log Review reads before it writes.
    if (/FROM TaskStatus/.test(query.get('q') ?? '')) return { status: 200, body: JSON.stringify({ totalSize: 1, done: true, records: [{ ApiName: 'Completed' }] }) };
    return path.reads?.[route] ?? { status: 404, body: '{"message":"Not Found"}' };
  });
  process.env.TRUSTPILOT_API_URL = server.url;
  process.env.TRUSTPILOT_INVITATIONS_API_URL = server.url;
  return server;
};

describe.each(PATHS)('$name: written at most once', (path) => {
  it('20 concurrent replays make exactly one upstream write', async () => {
    const server = await serve(path, path.ok);
    try {
      const cache = new InterleavingCache();
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => runStep(path.key, path.input, cache, server.url)));
      expect(server.count(path.write)).toBe(1);
      const fulfilled = outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<Record<string, unknown>>[];
      // The one that wrote, and replays that either got its result back (duplicate) or halted while it was in flight.
      const firsts = fulfilled.filter((o) => o.value.duplicate !== true && o.value.logged !== false);
      expect(firsts).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as Error).name).toBe('HaltedError');
    } finally {
      await server.close();
    }
  });

  it.each([
    ['a 504 from a gateway', { status: 504, body: '' } as Behaviour, /HTTP 504/],
    ['a reset after sending', 'drop' as Behaviour, /dropped the connection/],
    ['a timeout after sending', 'hang' as Behaviour, /did not answer in time/],
  ])('%s: one upstream write, "outcome unknown", and a replay halts with the same sentence', async (_what, fault, why) => {
    stepClock.budgetMs = 800; // stands in for the step's 25 s, so the timeout case takes under a second
    const server = await serve(path, fault);
    try {
      const cache = new MemoryCache();
      const first = await caught(() => runStep(path.key, path.input, cache, server.url));
      expect(zapierError(first).code).toBe('outcome_unknown');
      const sentence = zapierError(first).message;
      expect(sentence).toMatch(why);
      expect(sentence).toMatch(/outcome is unknown/);

      const replay = await caught(() => runStep(path.key, path.input, cache, server.url));
      expect(replay.name).toBe('HaltedError');
      expect(replay.message.startsWith(sentence)).toBe(true);
      expect(server.count(path.write)).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe.each([
  {
    name: 'Create Business Generated Link',
    key: 'create_business_generated_link',
    input: { consumer_email: 'jane@example.com', consumer_name: 'Jane Cooper', reference_number: 'ORD-1' },
  },
  {
    name: 'Build AFS Invitation Email',
    key: 'build_afs_email',
    input: { consumer_email: 'jane@example.com', consumer_name: 'Jane Cooper', reference_number: 'ORD-1', afs_address: 'acme-outdoor.example+9f2c4e1a7b@invite.trustpilot.com' },
  },
])('$name (built locally): 20 concurrent replays give one invitation', ({ key, input }) => {
  it('one run creates it, every other run gets it back as a duplicate or halts', async () => {
    const cache = new InterleavingCache();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => runStep(key, input, cache, 'http://127.0.0.1:9')));
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<Record<string, unknown>>[];
    const rejected = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.map((r) => (r.reason as Error).name)).toEqual(rejected.map(() => 'HaltedError'));
    expect(fulfilled.filter((o) => o.value.duplicate === false)).toHaveLength(1);
  });
});
