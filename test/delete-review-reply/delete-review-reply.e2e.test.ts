/**
 * "Delete Review Reply" end to end against the sandbox, which answers as Trustpilot documents: 204 when a reply is
 * removed, 404 for a review without a reply and for an unknown review.
 */
import { TRUSTPILOT } from '../../sandbox';
import { failure, startE2E, type E2E } from '../e2e/harness';

const answered = TRUSTPILOT.reviews.opportunityAnswered;
const unanswered = TRUSTPILOT.reviews.orderDelighted;

describe('Delete Review Reply, against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  beforeEach(() => e2e.sandbox.reset());

  const run = (inputData: Record<string, unknown>) => e2e.runner.run<Record<string, unknown>>('creates.delete_review_reply', inputData);
  /** Trustpilot calls the step made, leaving out the session renewal a reset sandbox asks for (401, then a token). */
  const calls = () =>
    e2e.sandbox.state.journal
      .filter((e) => e.service !== 'salesforce' && e.status !== 401 && !e.path.includes('/oauth/'))
      .map((e) => `${e.method} ${e.path.replace(/\?.*$/, '')}`);

  it('deletes the reply with one call, and the review no longer has one', async () => {
    const out = await run({ review_id: answered });

    expect(out).toEqual({
      review_id: answered,
      deleted: true,
      reason: '',
      deleted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      review_url: `https://www.trustpilot.com/reviews/${answered}`,
    });
    expect(e2e.sandbox.state.replyDeletions.map((d) => d.reviewId)).toEqual([answered]);
    expect(calls()).toEqual([`DELETE /v1/private/reviews/${answered}/reply`]);
    const review = await e2e.runner.run<Record<string, unknown>>('searches.find_review', { review_id: answered });
    expect(JSON.stringify(review)).toContain('"company_reply_text":null');
  });

  it('a replay finds no reply: it succeeds with deleted false and the reason, and deletes nothing more', async () => {
    await run({ review_id: answered });
    const replay = await run({ review_id: answered });

    expect(replay).toMatchObject({ review_id: answered, deleted: false, deleted_at: null });
    expect(replay.reason).toMatch(/has no reply from your business/);
    // The replay: its DELETE met Trustpilot's 404, and one look-up told "no reply" from "no such review".
    expect(calls().slice(1)).toEqual([`DELETE /v1/private/reviews/${answered}/reply`, `GET /v1/private/reviews/${answered}`]);
    expect(e2e.sandbox.state.replyDeletions).toHaveLength(1);
  });

  it('accepts the review’s whole address, as the Review ID help text promises', async () => {
    const out = await run({ review_id: `https://www.trustpilot.com/reviews/${answered}` });
    expect(out).toMatchObject({ review_id: answered, deleted: true });
  });

  it('a review that never had a reply: deleted false, not an error', async () => {
    const out = await run({ review_id: unanswered });
    expect(out).toMatchObject({ deleted: false });
    expect(e2e.sandbox.state.replyDeletions).toHaveLength(0);
  });

  it('an unknown review is an error naming the Review ID field, not a quiet "nothing to delete"', async () => {
    const err = await failure(run({ review_id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Review ID: Trustpilot has no service review aaaaaaaaaaaaaaaaaaaaaaaa/);
  });

  it('refuses a missing or malformed Review ID before any call', async () => {
    // Zapier itself halts a step whose required field is empty, before the app runs (the runner does as Zapier does).
    await expect(Promise.resolve().then(() => run({}))).rejects.toThrow('Required field "Review ID" (review_id) is missing.');
    expect((await failure(run({ review_id: 'not a review' }))).message).toMatch(/^Review ID: "not a review" is not a Trustpilot review ID/);
    expect(calls()).toEqual([]);
  });
});
