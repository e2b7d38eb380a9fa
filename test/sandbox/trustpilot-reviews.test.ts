import { SALESFORCE, startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { bearer, postJson, trustpilotToken } from './helpers';

let sb: Sandbox;
let token: string;
const BU = TRUSTPILOT.businessUnit.id;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  token = await trustpilotToken(sb);
});

interface Review {
  id: string;
  stars: number;
  language: string;
  createdAt: string;
  referenceId: string | null;
  referralEmail: string | null;
  companyReply: { text: string; authorBusinessUserId: string } | null;
  tags: { group: string; value: string }[];
  consumer: { displayName: string };
  businessUnit: { id: string; identifyingName: string };
  isVerified: boolean;
}

const list = async (query: string) => {
  const res = await fetch(`${sb.urls.trustpilotApi}/v1/private/business-units/${BU}/reviews?${query}`, { headers: bearer(token) });
  return { status: res.status, body: (await res.json()) as { reviews: Review[]; links: { rel: string; href: string }[] } };
};
const ids = (reviews: Review[]) => reviews.map((r) => r.id);

describe('business units (public)', () => {
  it('finds the business unit by its domain, with star counts that match the seeded reviews', async () => {
    const res = await fetch(`${sb.urls.trustpilotApi}/v1/business-units/find?name=${TRUSTPILOT.businessUnit.domain}`, {
      headers: { apikey: TRUSTPILOT.apiKey },
    });
    const body = (await res.json()) as Record<string, any>;
    expect(body.id).toBe(BU);
    expect(body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(body.displayName).toBe('Acme Outdoor Gear');
    expect(body.numberOfReviews).toEqual({
      total: 8, usedForTrustScoreCalculation: 8, oneStar: 1, twoStars: 1, threeStars: 2, fourStars: 2, fiveStars: 2,
    });
  });

  it('reads a business unit by id, and answers 404 for an unknown one', async () => {
    const ok = await fetch(`${sb.urls.trustpilotApi}/v1/business-units/${BU}`, { headers: { apikey: TRUSTPILOT.apiKey } });
    expect(((await ok.json()) as { name: { identifying: string } }).name.identifying).toBe(TRUSTPILOT.businessUnit.domain);
    const missing = await fetch(`${sb.urls.trustpilotApi}/v1/business-units/${'0'.repeat(24)}`, { headers: { apikey: TRUSTPILOT.apiKey } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Business unit not found', errorCode: expect.any(Number) });
  });
});

describe('private service reviews', () => {
  it('lists full private items, newest first, in {reviews, links}', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(body.reviews).toHaveLength(8);
    const dates = body.reviews.map((r) => r.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.links).toEqual([]);
    const first = body.reviews[0]!;
    expect(first).toMatchObject({
      id: TRUSTPILOT.reviews.orderDelighted,
      referenceId: SALESFORCE.orders.activated.orderNumber,
      referralEmail: SALESFORCE.contacts.maya.email,
      companyReply: null,
      isVerified: true,
      businessUnit: { id: BU, identifyingName: TRUSTPILOT.businessUnit.domain },
    });
    expect(first.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['consumer', 'location', 'tags', 'title', 'text', 'language', 'source']));
  });

  it('filters by repeated stars, language and responded', async () => {
    const { body: fives } = await list('stars=5&stars=4');
    expect(fives.reviews.map((r) => r.stars).sort()).toEqual([4, 4, 5, 5]);
    const { body: german } = await list('language=de');
    expect(ids(german.reviews)).toEqual([TRUSTPILOT.reviews.germanOneStar]);
    const { body: unanswered } = await list('responded=false');
    expect(unanswered.reviews.every((r) => r.companyReply === null)).toBe(true);
    expect(unanswered.reviews).toHaveLength(4);
    const { body: answered } = await list('responded=true');
    expect(answered.reviews).toHaveLength(4);
  });

  it('filters by referenceId and referralEmail', async () => {
    const { body: byRef } = await list(`referenceId=${SALESFORCE.opportunities.reclosed.id}`);
    expect(ids(byRef.reviews)).toEqual([TRUSTPILOT.reviews.opportunityAnswered]);
    const { body: byEmail } = await list(`referralEmail=${encodeURIComponent(SALESFORCE.contacts.maya.email.toUpperCase())}`);
    expect(ids(byEmail.reviews).sort()).toEqual([TRUSTPILOT.reviews.orderDelighted, TRUSTPILOT.reviews.caseUnhappy].sort());
  });

  it('orders by createdat.asc and filters by startDateTime', async () => {
    const { body: all } = await list('orderBy=createdat.asc');
    expect(all.reviews[0]!.id).toBe(TRUSTPILOT.reviews.oldAnswered);
    const since = all.reviews[5]!.createdAt.replace('Z', '');
    const { body: recent } = await list(`startDateTime=${since}&orderBy=createdat.asc`);
    expect(ids(recent.reviews)).toEqual(ids(all.reviews.slice(5)));
  });

  it('pages with page and perPage, linking to the next page', async () => {
    const { body: page1 } = await list('perPage=3');
    expect(page1.reviews).toHaveLength(3);
    expect(page1.links.map((l) => l.rel)).toEqual(['next-page']);
    const { body: page3 } = await list('perPage=3&page=3');
    expect(page3.reviews).toHaveLength(2);
    expect(page3.links.map((l) => l.rel)).toEqual(['prev-page']);
    const { body: past } = await list('perPage=3&page=4');
    expect(past.reviews).toEqual([]);
  });

  it('refuses perPage above 100 and unknown orderBy values', async () => {
    expect((await list('perPage=101')).status).toBe(400);
    expect((await list('orderBy=likes.desc')).status).toBe(400);
  });

  it('reads one review, and 404s an unknown one', async () => {
    const ok = await fetch(`${sb.urls.trustpilotApi}/v1/private/reviews/${TRUSTPILOT.reviews.caseUnhappy}`, { headers: bearer(token) });
    expect(((await ok.json()) as Review).stars).toBe(2);
    const missing = await fetch(`${sb.urls.trustpilotApi}/v1/private/reviews/${'a'.repeat(24)}`, { headers: bearer(token) });
    expect(missing.status).toBe(404);
  });
});

describe('replying to a service review', () => {
  const replyUrl = (id: string) => `${sb.urls.trustpilotApi}/v1/private/reviews/${id}/reply`;

  it('answers 201 with an empty body, records the reply and shows it on the review', async () => {
    const res = await postJson(
      replyUrl(TRUSTPILOT.reviews.caseUnhappy),
      token,
      { authorBusinessUserId: TRUSTPILOT.businessUser.id, message: 'Sorry, Maya — a new pole is on its way.' },
      { 'x-business-user-id': TRUSTPILOT.businessUser.id },
    );
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('');
    expect(sb.state.replies).toEqual([
      expect.objectContaining({ reviewId: TRUSTPILOT.reviews.caseUnhappy, authorBusinessUserId: TRUSTPILOT.businessUser.id }),
    ]);
    const { body } = await list(`referenceId=${SALESFORCE.cases.closedWithContact.caseNumber}`);
    expect(body.reviews[0]!.companyReply).toMatchObject({
      text: 'Sorry, Maya — a new pole is on its way.',
      authorBusinessUserId: TRUSTPILOT.businessUser.id,
    });
  });

  it('refuses a client-credentials reply that names no business user with 403 / 1014', async () => {
    const res = await postJson(replyUrl(TRUSTPILOT.reviews.caseUnhappy), token, { message: 'Hello' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      message: 'Access to resource is forbidden',
      errorCode: 1014,
      correlationId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    expect(sb.state.replies).toEqual([]);
  });

  it('refuses an empty message with a 400', async () => {
    const res = await postJson(replyUrl(TRUSTPILOT.reviews.caseUnhappy), token, { authorBusinessUserId: TRUSTPILOT.businessUser.id, message: ' ' });
    expect(res.status).toBe(400);
  });
});

describe('product reviews and conversations', () => {
  const api = () => sb.urls.trustpilotApi;

  it('lists published product reviews by default, oldest first, and filters by sku and state', async () => {
    const url = `${api()}/v1/private/product-reviews/business-units/${BU}/reviews`;
    const all = (await (await fetch(url, { headers: bearer(token) })).json()) as { productReviews: { id: string }[]; links: unknown[] };
    expect(all.productReviews.map((r) => r.id)).toEqual([TRUSTPILOT.productReviews.backpack, TRUSTPILOT.productReviews.tentWithConversation]);
    expect(all.links).toEqual([]);
    const bySku = (await (await fetch(`${url}?sku=${SALESFORCE.products.backpack.sku}`, { headers: bearer(token) })).json()) as typeof all;
    expect(bySku.productReviews.map((r) => r.id)).toEqual([TRUSTPILOT.productReviews.backpack]);
    const moderated = (await (await fetch(`${url}?state=underModeration`, { headers: bearer(token) })).json()) as typeof all;
    expect(moderated.productReviews.map((r) => r.id)).toEqual([TRUSTPILOT.productReviews.stoveUnderModeration]);
  });

  it('pages with page/perPage and rel links, in the order it was told to serve', async () => {
    const url = `${api()}/v1/private/product-reviews/business-units/${BU}/reviews`;
    sb.story.addProductReviews(5);
    type Page = { productReviews: { id: string; createdAt: string }[]; links: { rel: string; href: string; method: string }[] };
    const get = async (query: string) => (await (await fetch(`${url}?${query}`, { headers: bearer(token) })).json()) as Page;

    const first = await get('page=1&perPage=3');
    expect(first.productReviews.map((r) => r.createdAt)).toEqual([...first.productReviews.map((r) => r.createdAt)].sort());
    expect(first.links).toEqual([{ rel: 'next-page', method: 'GET', href: expect.stringContaining('page=2&perPage=3') }]);
    const last = await get('page=3&perPage=3');
    expect(last.productReviews).toHaveLength(1);
    expect(last.links.map((l) => l.rel)).toEqual(['prev-page']);
    expect((await get('page=4&perPage=3')).productReviews).toEqual([]);

    sb.configure({ productReviewOrder: 'newest-first' });
    const newest = await get('page=1&perPage=3');
    expect(newest.productReviews[0]!.id).toBe(TRUSTPILOT.productReviews.tentWithConversation);
    expect(newest.productReviews.map((r) => r.createdAt)).toEqual([...newest.productReviews.map((r) => r.createdAt)].sort().reverse());
    await sb.reset();
    token = await trustpilotToken(sb);
  });

  it('creates a conversation once, then comments on it as the business user', async () => {
    const reviewUrl = `${api()}/v1/private/product-reviews/${TRUSTPILOT.productReviews.backpack}`;
    const before = (await (await fetch(reviewUrl, { headers: bearer(token) })).json()) as { conversationId: string | null };
    expect(before.conversationId).toBeNull();

    const created = await postJson(`${reviewUrl}/create-conversation`, token, {});
    const { conversationId } = (await created.json()) as { conversationId: string };
    expect(conversationId).toMatch(/^[0-9a-f]{24}$/);
    expect(created.status).toBe(201);
    const after = (await (await fetch(reviewUrl, { headers: bearer(token) })).json()) as { conversationId: string | null };
    expect(after.conversationId).toBe(conversationId);
    const again = await postJson(`${reviewUrl}/create-conversation`, token, {});
    expect(await again.json()).toEqual({ conversationId });

    const commentRes = await postJson(
      `${api()}/v1/private/conversations/${conversationId}/comments`,
      token,
      { content: 'Thanks, Jonas! Deeper pockets are coming in the next version.' },
      { 'x-business-user-id': TRUSTPILOT.businessUser.id },
    );
    expect(commentRes.status).toBe(201);
    const comment = (await commentRes.json()) as Record<string, unknown>;
    expect(comment).toEqual({
      commentId: expect.stringMatching(/^[0-9a-f]{24}$/),
      createdAt: expect.stringMatching(/Z$/),
      author: { id: TRUSTPILOT.businessUser.id, type: 'businessUser' },
      content: 'Thanks, Jonas! Deeper pockets are coming in the next version.',
    });
    const conversation = (await (await fetch(`${api()}/v1/private/conversations/${conversationId}`, { headers: bearer(token) })).json()) as {
      sourceId: string;
      comments: unknown[];
    };
    expect(conversation.sourceId).toBe(TRUSTPILOT.productReviews.backpack);
    expect(conversation.comments).toEqual([comment]);
    expect(sb.state.comments).toHaveLength(1);
  });

  it('shows the seeded conversation with its business comment', async () => {
    const res = await fetch(`${api()}/v1/private/conversations/${TRUSTPILOT.conversationId}`, { headers: bearer(token) });
    const body = (await res.json()) as { comments: { author: { type: string } }[] };
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]!.author.type).toBe('businessUser');
  });
});
