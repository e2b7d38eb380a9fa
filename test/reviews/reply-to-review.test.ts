import nock from 'nock';

import { replayGuardKey, replyToReview } from '../../src/reviews/reply';
import conversationComment from '../fixtures/trustpilot/conversation-comment.json';
import conversationCreated from '../fixtures/trustpilot/conversation-created.json';
import productReview from '../fixtures/trustpilot/product-review.json';
import { appTester, authData, BUSINESS_USER_ID, caught, TRUSTPILOT_API, TRUSTPILOT_TOKEN, zapierError } from '../helpers';
import { createPerform } from '../helpers/operations';

const perform = createPerform('reply_to_review');
const reply = (inputData: Record<string, unknown>, auth: Record<string, string> = authData, clearCache = false) =>
  appTester(perform, { authData: auth, inputData }, clearCache) as Promise<Record<string, unknown>>;

const REVIEW_ID = '664327a1f0e2b8c3d4e5f601';
const PRODUCT_REVIEW_ID = '6650a1f2c3b4d5e6f7a8b9c0';
const SERVICE_MESSAGE = 'Sorry about the poles, Jane: a new set is on its way.';
const PRODUCT_MESSAGE = 'Thanks Sam, a softer zip guard is on its way to you.';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Trustpilot's headers for a write made on behalf of the connection's business user. */
const asBusinessUser = {
  reqheaders: { authorization: `Bearer ${TRUSTPILOT_TOKEN}`, apikey: authData.trustpilot_api_key, 'x-business-user-id': BUSINESS_USER_ID },
};

const { trustpilot_business_user_id: _user, ...authWithoutUser } = authData;

beforeEach(() => appTester(async () => null, {}, true)); // each test starts with an empty z.cache

describe('Reply to Review: service reviews', () => {
  it('posts the reply as the connection’s business user and accepts a 201 with an empty body', async () => {
    let sent: Record<string, unknown> | undefined;
    const scope = nock(TRUSTPILOT_API, asBusinessUser)
      .post(`/v1/private/reviews/${REVIEW_ID}/reply`, (body) => {
        sent = body;
        return true;
      })
      .reply(201, '');

    const result = await reply({ review_id: REVIEW_ID, message: `  ${SERVICE_MESSAGE}\n` });

    expect(scope.isDone()).toBe(true);
    expect(Object.keys(sent!).sort()).toEqual(['authorBusinessUserId', 'message']);
    expect(sent!.authorBusinessUserId).toBe(BUSINESS_USER_ID);
    expect(sent!.message).toBe(SERVICE_MESSAGE);
    expect(result).toEqual({
      review_id: REVIEW_ID,
      review_type: 'service',
      reply_text: SERVICE_MESSAGE,
      replied_at: expect.stringMatching(ISO_SECONDS),
      review_url: `https://www.trustpilot.com/reviews/${REVIEW_ID}`,
      product_url: null,
      conversation_id: null,
      comment_id: null,
      conversation_created: false,
      duplicate: false,
    });
  });

  it.each([
    [200, { id: 'ignored' }],
    [204, ''],
  ])('accepts any success status (%i)', async (status, body) => {
    nock(TRUSTPILOT_API).post(`/v1/private/reviews/${REVIEW_ID}/reply`).reply(status, body);
    await expect(reply({ review_id: REVIEW_ID, message: SERVICE_MESSAGE, review_type: 'service' })).resolves.toMatchObject({ review_id: REVIEW_ID });
  });

  it('does not post a replayed reply again (the reviewer may be notified of each reply): the replay gets the first result', async () => {
    const bodies: unknown[] = [];
    const scope = nock(TRUSTPILOT_API)
      .post(`/v1/private/reviews/${REVIEW_ID}/reply`, (body) => bodies.push(body) > 0)
      .once()
      .reply(201);
    const first = await reply({ review_id: REVIEW_ID, message: SERVICE_MESSAGE }, authData, true);
    const replay = await reply({ review_id: REVIEW_ID, message: SERVICE_MESSAGE });
    expect(scope.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    expect(replay).toEqual({ ...first, duplicate: true });
  });

  it('passes on Trustpilot’s refusal as a sentence, and lets a corrected replay post', async () => {
    nock(TRUSTPILOT_API).post(`/v1/private/reviews/${REVIEW_ID}/reply`).reply(400, { message: 'Message is too long', errorCode: 'ReplyTooLong' });
    const err = await caught(() => reply({ review_id: REVIEW_ID, message: SERVICE_MESSAGE }, authData, true));
    expect(zapierError(err).message).toBe('Trustpilot refused to reply to the review: Message is too long (error code ReplyTooLong) (HTTP 400).');
    // A refusal applied nothing, so its claim was dropped: the replay posts.
    const retry = nock(TRUSTPILOT_API).post(`/v1/private/reviews/${REVIEW_ID}/reply`).reply(201);
    await expect(reply({ review_id: REVIEW_ID, message: SERVICE_MESSAGE })).resolves.toMatchObject({ duplicate: false });
    expect(retry.isDone()).toBe(true);
  });
});

describe('Reply to Review: product reviews', () => {
  const reviewPath = `/v1/private/product-reviews/${PRODUCT_REVIEW_ID}`;

  it('opens a conversation when the review has none, then comments on it', async () => {
    let comment: Record<string, unknown> | undefined;
    const read = nock(TRUSTPILOT_API).get(reviewPath).reply(200, productReview);
    const open = nock(TRUSTPILOT_API, asBusinessUser).post(`${reviewPath}/create-conversation`).reply(201, conversationCreated);
    const post = nock(TRUSTPILOT_API, asBusinessUser)
      .post(`/v1/private/conversations/${conversationCreated.conversationId}/comments`, (body) => {
        comment = body;
        return true;
      })
      .reply(201, conversationComment);

    const result = await reply({ review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' }, authData, true);

    expect(read.isDone() && open.isDone() && post.isDone()).toBe(true);
    expect(Object.keys(comment!)).toEqual(['content']);
    expect(comment!.content).toBe(PRODUCT_MESSAGE);
    expect(result).toEqual({
      review_id: PRODUCT_REVIEW_ID,
      review_type: 'product',
      reply_text: PRODUCT_MESSAGE,
      replied_at: '2024-05-21T09:12:40Z',
      review_url: null,
      product_url: 'https://acme-outdoor.example/products/alpine-200',
      conversation_id: '66a1c0ffee0000000000c002',
      comment_id: '66a1d00d0000000000000c03',
      conversation_created: true,
      duplicate: false,
    });
  });

  it('comments on the review’s existing conversation without opening another', async () => {
    const existing = '66a0c0ffee0000000000c001';
    let comment: Record<string, unknown> | undefined;
    nock(TRUSTPILOT_API).get(reviewPath).reply(200, { ...productReview, conversationId: existing });
    // No create-conversation interceptor: such a call would fail the test.
    const post = nock(TRUSTPILOT_API, asBusinessUser)
      .post(`/v1/private/conversations/${existing}/comments`, (body) => {
        comment = body;
        return true;
      })
      .reply(201, { ...conversationComment, commentId: '66a1d00d0000000000000c04' });

    const result = await reply({ review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' }, authData, true);

    expect(post.isDone()).toBe(true);
    expect(comment).toEqual({ content: PRODUCT_MESSAGE });
    expect(result).toMatchObject({ conversation_id: existing, comment_id: '66a1d00d0000000000000c04', conversation_created: false, duplicate: false });
  });

  it('does not post twice when Zapier replays the step', async () => {
    nock(TRUSTPILOT_API).get(reviewPath).once().reply(200, productReview);
    nock(TRUSTPILOT_API).post(`${reviewPath}/create-conversation`).once().reply(201, conversationCreated);
    const post = nock(TRUSTPILOT_API).post(`/v1/private/conversations/${conversationCreated.conversationId}/comments`).once().reply(201, conversationComment);
    const input = { review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' };

    const first = await reply(input, authData, true);
    const replay = await reply(input); // same z.cache, no more interceptors: a second post would fail

    expect(post.isDone()).toBe(true);
    expect(replay).toEqual({ ...first, duplicate: true });
  });

  it('posts a different message to the same review', async () => {
    nock(TRUSTPILOT_API).get(reviewPath).twice().reply(200, { ...productReview, conversationId: '66a0c0ffee0000000000c001' });
    const post = nock(TRUSTPILOT_API).post('/v1/private/conversations/66a0c0ffee0000000000c001/comments').twice().reply(201, conversationComment);
    await reply({ review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' }, authData, true);
    await expect(reply({ review_id: PRODUCT_REVIEW_ID, message: 'One more thing…', review_type: 'product' })).resolves.toMatchObject({ duplicate: false });
    expect(post.isDone()).toBe(true);
  });

  it('keys the replay guard by review and message, for a day, set only if absent', async () => {
    const calls: unknown[][] = [];
    nock(TRUSTPILOT_API).get(reviewPath).reply(200, { ...productReview, conversationId: '66a0c0ffee0000000000c001' });
    nock(TRUSTPILOT_API).post('/v1/private/conversations/66a0c0ffee0000000000c001/comments').reply(201, conversationComment);
    await appTester(
      async (z, bundle) => {
        const get = jest.spyOn(z.cache, 'get').mockResolvedValue(null);
        jest.spyOn(z.cache, 'set').mockImplementation(async (...args) => {
          if (!String(args[0]).startsWith('trustpilot-budget:')) calls.push(['set', ...args]); // the rate budget's own keys
          return true;
        });
        const result = await replyToReview(z, bundle);
        calls.unshift(['get', ...get.mock.calls[0]!]);
        return result;
      },
      { authData, inputData: { review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' } },
    );
    const key = replayGuardKey(PRODUCT_REVIEW_ID, PRODUCT_MESSAGE);
    expect(key).toMatch(new RegExp(`^reply_to_review:v2:product:${PRODUCT_REVIEW_ID}:[0-9a-f]{64}$`));
    // Claimed with set-if-absent BEFORE posting, then the result stored for replays.
    expect(calls).toEqual([
      ['get', key],
      ['set', key, expect.objectContaining({ state: 'claimed' }), 86400, undefined, true],
      ['set', key, expect.objectContaining({ state: 'done', result: expect.objectContaining({ comment_id: '66a1d00d0000000000000c03', duplicate: false }) }), 86400],
    ]);
  });

  it('replies anyway, and logs it, when the replay guard’s cache fails', async () => {
    nock(TRUSTPILOT_API).get(reviewPath).reply(200, { ...productReview, conversationId: '66a0c0ffee0000000000c001' });
    const post = nock(TRUSTPILOT_API).post('/v1/private/conversations/66a0c0ffee0000000000c001/comments').reply(201, conversationComment);
    const { result, logs } = (await appTester(
      async (z, bundle) => {
        const logs: string[] = [];
        jest.spyOn(z.console, 'log').mockImplementation((...args: unknown[]) => {
          logs.push(args.join(' '));
        });
        jest.spyOn(z.cache, 'get').mockRejectedValue(new Error('zcache_get: RPC unavailable'));
        jest.spyOn(z.cache, 'set').mockRejectedValue(new Error('zcache_set: RPC unavailable'));
        return { result: await replyToReview(z, bundle), logs };
      },
      { authData, inputData: { review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' } },
    )) as { result: Record<string, unknown>; logs: string[] };

    expect(post.isDone()).toBe(true);
    expect(result).toMatchObject({ comment_id: '66a1d00d0000000000000c03', duplicate: false });
    expect(logs).toEqual(['Replay guard unavailable (the cache could not be read); writing without it.']);
  });

  it('says so when the id is not a product review', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/product-reviews/${REVIEW_ID}`).reply(404, { message: 'Not Found' });
    const err = await caught(() => reply({ review_id: REVIEW_ID, message: PRODUCT_MESSAGE, review_type: 'product' }, authData, true));
    expect(zapierError(err)).toEqual({
      code: 'invalid_input',
      message: `Review ID: Trustpilot has no product review ${REVIEW_ID}. If it is a review of your business rather than of a product, set Review Type to service review.`,
    });
  });
});

describe('Reply to Review: before any call', () => {
  it.each(['service', 'product'])('needs the connection’s business user id (%s)', async (review_type) => {
    const err = await caught(() => reply({ review_id: PRODUCT_REVIEW_ID, message: PRODUCT_MESSAGE, review_type }, authWithoutUser, true));
    expect(zapierError(err)).toEqual({
      code: 'trustpilot_business_user_missing',
      message:
        'To reply to the review, Trustpilot needs to know which business user acts: reconnect and fill in the Business User ID ' +
        '(Trustpilot Business → Settings → Users: an Admin or Manager).',
    });
  });

  it.each([
    [{ message: SERVICE_MESSAGE }, 'Review ID: is required: pick a review'],
    [{ review_id: REVIEW_ID, message: '   ' }, 'Reply Message: is required.'],
    [{ review_id: REVIEW_ID, message: SERVICE_MESSAGE, review_type: 'services' }, 'Review Type: "services" is not a review type: choose service or product.'],
    [{ review_id: 'review 42', message: SERVICE_MESSAGE }, 'Review ID: "review 42" is not a Trustpilot review ID'],
  ])('rejects %j', async (inputData, message) => {
    const err = await caught(() => reply(inputData));
    expect(zapierError(err)).toEqual({ code: 'invalid_input', message: expect.stringContaining(message) });
  });
});
