/** "TrustScore Changed" against the public business-unit profile (documented shape), with nock and the appTester's z.cache. */
import nock from 'nock';

import { pollTrustScore, stateKey } from '../../src/trustscore/changed';
import businessUnit from '../fixtures/trustpilot/business-unit.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';

type Change = Record<string, any>;
let clock = Date.parse('2026-11-24T09:00:00Z');
const poll = (inputData: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => {
  clock += 15 * 60_000;
  return appTester((z, bundle) => pollTrustScore(z, bundle, new Date(clock)), { authData, inputData, meta }) as Promise<Change[]>;
};
/** The profile answers with this score, API key only (public endpoint). */
const profile = (trustScore: number, stars: number, total = 412) =>
  nock(TRUSTPILOT_API, { reqheaders: { apikey: authData.trustpilot_api_key }, badheaders: ['authorization'] })
    .get(`/v1/business-units/${BUSINESS_UNIT_ID}`)
    .reply(200, { ...businessUnit, score: { trustScore, stars }, numberOfReviews: { ...businessUnit.numberOfReviews, total } });

const clearCache = () => appTester(async () => null, {}, true);

describe('TrustScore Changed', () => {
  beforeEach(clearCache);

  it('the first poll notes the TrustScore; a change then fires once, with old and new values, direction, total and profile URL', async () => {
    profile(4.3, 4.5, 412);
    await expect(poll()).resolves.toEqual([]);

    profile(4.2, 4, 415);
    const [change, ...more] = await poll();
    expect(more).toEqual([]);
    expect(change).toMatchObject({
      business_unit_id: BUSINESS_UNIT_ID,
      business_unit_name: 'Acme Outdoor Gear',
      profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example',
      old_trust_score: 4.3,
      new_trust_score: 4.2,
      trust_score_change: -0.1,
      old_stars: 4.5,
      new_stars: 4,
      stars_change: -0.5,
      direction: 'down',
      total_reviews: 415,
      previous_total_reviews: 412,
      summary: 'Acme Outdoor Gear’s TrustScore went down from 4.3 to 4.2 (stars 4.5 → 4) with 415 reviews.',
    });

    // Unchanged: the same change again, under the same id, which Zapier's dedupe drops.
    profile(4.2, 4, 416);
    const again = await poll();
    expect(again.map((c) => c.id)).toEqual([change!.id]);

    // Back up to 4.3: a new change with a new id (an id made of the value alone would never fire again).
    profile(4.3, 4.5, 417);
    const back = await poll();
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({ old_trust_score: 4.2, new_trust_score: 4.3, direction: 'up', trust_score_change: 0.1 });
    expect(back[0]!.id).not.toBe(change!.id);
    expect(back[1]!.id).toBe(change!.id);
  });

  it('with a Minimum Change, small moves add up from the last change that fired', async () => {
    profile(4.3, 4.5);
    await poll({ min_change: '0.2' });
    profile(4.2, 4.5);
    await expect(poll({ min_change: '0.2' })).resolves.toEqual([]);
    profile(4.1, 4.5);
    const [change] = await poll({ min_change: '0.2' });
    expect(change).toMatchObject({ old_trust_score: 4.3, new_trust_score: 4.1, trust_score_change: -0.2 });
  });

  it('a star-rating change fires even below the Minimum Change', async () => {
    profile(4.2, 4);
    await poll({ min_change: 0.5 });
    profile(4.3, 4.5);
    const [change] = await poll({ min_change: 0.5 });
    expect(change).toMatchObject({ old_stars: 4, new_stars: 4.5, direction: 'up', trust_score_change: 0.1 });
  });

  it('keeps its state per business unit and Minimum Change in z.cache', async () => {
    profile(4.3, 4.5);
    await poll({ min_change: '0.3' });
    const stored = await appTester(async (z) => z.cache.get(stateKey(BUSINESS_UNIT_ID, 0.3)), {});
    expect(stored).toMatchObject({ baseline: { trustScore: 4.3, stars: 4.5, total: 412 }, changes: [] });
  });

  it('while the editor loads a sample and nothing changed yet, shows the current values', async () => {
    profile(4.3, 4.5);
    const [sample] = await poll({}, { isLoadingSample: true });
    expect(sample).toMatchObject({ id: `${BUSINESS_UNIT_ID}-current`, new_trust_score: 4.3, old_trust_score: 4.3, summary: 'No change yet: Acme Outdoor Gear has a TrustScore of 4.3.' });
  });

  it('a Minimum Change that is not a number fails before any call, naming the field', async () => {
    const err = await caught(() => poll({ min_change: 'a lot' }));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Minimum Change: "a lot" is not a number: use a TrustScore difference/) });
  });

  it.each([[0.25], ['7'], [['0.1', '0.2']]])('a Minimum Change of %j is refused, not rounded or guessed', async (min_change) => {
    const err = await caught(() => poll({ min_change }));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Minimum Change: must be/) });
  });

  it('when Zapier’s storage does not answer, asks Zapier to try later instead of guessing', async () => {
    const err = await caught(() =>
      appTester(
        (z, bundle) => {
          (z.cache as { get: unknown }).get = async () => {
            throw new Error('rpc down');
          };
          return pollTrustScore(z, bundle);
        },
        { authData, inputData: {} },
      ),
    );
    expect(err.name).toBe('ThrottledError');
  });
});
