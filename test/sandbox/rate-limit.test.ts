import { ManualClock, startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { bearer, salesforceToken, trustpilotToken } from './helpers';

// Trustpilot's 833 calls per 5 minutes, scaled down: 5 calls per 2 seconds.
const clock = new ManualClock(Date.UTC(2026, 10, 20, 12));
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ clock, trustpilotRateLimit: { limit: 5, windowMs: 2_000 } });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const reviews = (token: string) =>
  fetch(`${sb.urls.trustpilotApi}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/reviews`, { headers: bearer(token) });
const templates = (token: string) =>
  fetch(`${sb.urls.trustpilotInvitations}/v1/private/business-units/${TRUSTPILOT.businessUnit.id}/templates`, { headers: bearer(token) });

it('counts calls on both Trustpilot hosts, the token call included, against one window', async () => {
  const token = await trustpilotToken(sb); // 1
  expect((await reviews(token)).status).toBe(200); // 2
  expect((await templates(token)).status).toBe(200); // 3
  expect((await reviews(token)).status).toBe(200); // 4
  expect((await templates(token)).status).toBe(200); // 5
  const refused = await templates(token);
  expect(refused.status).toBe(429);
  expect(await refused.json()).toMatchObject({ fault: { detail: { errorcode: 'policies.ratelimit.QuotaViolation' } } });
  expect((await reviews(token)).status).toBe(429);
  expect(sb.state.totals.trustpilotApi + sb.state.totals.trustpilotInvitations).toBe(7);
});

it('slides: calls leave the window one by one as time passes', async () => {
  const token = await trustpilotToken(sb); // t=0
  clock.advance(1_000);
  for (let i = 0; i < 4; i++) expect((await reviews(token)).status).toBe(200); // t=1000
  expect((await reviews(token)).status).toBe(429);
  clock.advance(1_000); // the token call (t=0) has left the window; the four at t=1000 have not
  expect((await reviews(token)).status).toBe(200);
  expect((await reviews(token)).status).toBe(429);
  clock.advance(1_000);
  expect((await reviews(token)).status).toBe(200);
});

it('leaves Salesforce out of the Trustpilot window', async () => {
  const token = await trustpilotToken(sb);
  for (let i = 0; i < 4; i++) await reviews(token);
  expect((await reviews(token)).status).toBe(429);
  await salesforceToken(sb); // would throw on a 429
});
