/** The sandbox's review webhooks: what a change queues, how it is delivered, and what the API says afterwards. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startHookCatcher, type HookCatcher } from '../../sandbox/zapier-hooks';
import { trustpilotToken } from './helpers';

let sb: Sandbox;
let catcher: HookCatcher;
beforeAll(async () => {
  sb = await startSandbox({ trustpilotRateLimit: false });
  catcher = await startHookCatcher();
});
afterAll(async () => {
  await catcher.close();
  await sb.close();
});
beforeEach(() => sb.reset());

const privateReview = async (id: string) =>
  fetch(`${sb.urls.trustpilotApi}/v1/private/reviews/${id}`, {
    headers: { apikey: sb.credentials.trustpilot.apiKey, authorization: `Bearer ${await trustpilotToken(sb)}` },
  });

it('sends nothing for changes made while no Subscription URL is set up, as Trustpilot does', async () => {
  sb.story.postServiceReview({ stars: 5, title: 'Great', text: 'Great.', consumerName: 'Ola' });
  expect(sb.webhooks.pending).toEqual([]);
  sb.webhooks.subscribe(catcher.url);
  expect(await sb.webhooks.deliver()).toEqual([]);
  expect(catcher.received).toHaveLength(0);
});

it('delivers the queued events as one unsigned batch, in Trustpilot’s documented shape, without the customer’s email', async () => {
  sb.webhooks.subscribe(catcher.url);
  const review = sb.story.postServiceReview({ stars: 2, title: 'Late', text: 'Late.', consumerName: 'Ola', referenceId: 'SO-1', referralEmail: 'ola@example.com' });
  sb.story.updateServiceReview(review.id, { stars: 3 });
  const [delivery] = await sb.webhooks.deliver();
  expect(delivery).toMatchObject({ url: catcher.url, status: 200, events: 2 });
  const body = JSON.parse(catcher.received[0]!.content) as { events: Array<{ eventName: string; version: string; eventData: Record<string, unknown> }> };
  expect(body.events.map((e) => [e.eventName, e.version, e.eventData.stars])).toEqual([
    ['service-review-created', '1', 2],
    ['service-review-updated', '1', 3],
  ]);
  expect(Object.keys(body.events[0]!.eventData).sort()).toEqual(
    ['consumer', 'createdAt', 'id', 'isVerified', 'language', 'link', 'locationId', 'referenceId', 'stars', 'tags', 'text', 'title'].sort(),
  );
  expect(catcher.received[0]!.content).not.toContain('ola@example.com');
  expect(Object.keys(catcher.received[0]!.headers).some((h) => /signature/i.test(h))).toBe(false);
  expect(sb.webhooks.pending).toEqual([]);
});

it('an edit moves updatedAt; a deleted review answers 404 and its event carries the id only', async () => {
  sb.webhooks.subscribe(catcher.url);
  const review = sb.story.postServiceReview({ stars: 2, title: 'Late', text: 'Late.', consumerName: 'Ola' });
  sb.story.updateServiceReview(review.id, { text: 'Late, but fine.' });
  const edited = (await (await privateReview(review.id)).json()) as { updatedAt: string | null; text: string; stars: number };
  expect(edited).toMatchObject({ text: 'Late, but fine.', stars: 2 });
  expect(edited.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  sb.story.deleteServiceReview(review.id);
  expect((await privateReview(review.id)).status).toBe(404);
  expect(sb.webhooks.pending.at(-1)).toEqual({ eventName: 'service-review-deleted', version: '1', eventData: { id: review.id } });
  expect(() => sb.story.deleteServiceReview(review.id)).toThrow(/No service review/);
});

it('a new product review is published, readable through the API, and queued as product-review-created', async () => {
  sb.webhooks.subscribe(catcher.url);
  const product = sb.story.postProductReview({ stars: 4, content: 'Warm.', consumerName: 'Ola', consumerEmail: 'ola@example.com', sku: 'SB-ALP-200', productName: 'Alpine 200' });
  const res = await fetch(`${sb.urls.trustpilotApi}/v1/private/product-reviews/${product.id}`, {
    headers: { apikey: sb.credentials.trustpilot.apiKey, authorization: `Bearer ${await trustpilotToken(sb)}` },
  });
  expect(await res.json()).toMatchObject({ id: product.id, state: 'published', businessUnitId: sb.credentials.trustpilot.businessUnitId });
  expect(sb.webhooks.pending).toEqual([expect.objectContaining({ eventName: 'product-review-created', eventData: expect.objectContaining({ id: product.id, state: 'published' }) })]);
});
