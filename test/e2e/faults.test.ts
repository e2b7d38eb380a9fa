import { SALESFORCE } from '../../sandbox';
import { failure, startE2E, type E2E } from './harness';

const INVITATIONS = 'POST /v1/private/business-units/:businessUnitId/email-invitations';
const REVIEWS = 'GET /v1/private/business-units/:businessUnitId/reviews';
const QUERY = 'GET /services/data/:version/query';

let sequence = 0;
const invitation = () => {
  sequence++;
  return { consumer_email: `fault${sequence}@example.com`, consumer_name: `Fault Case ${sequence}`, reference_number: `FAULT-${sequence}` };
};
const sentTo = (e2e: E2E, reference: string) =>
  e2e.sandbox.state.invitations.filter((i) => (i.body as { referenceNumber: string }).referenceNumber === reference).length;

describe('faults: nothing lost, nothing sent twice', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  afterEach(() => e2e.sandbox.faults.clear());

  describe('expired tokens mid-run: the app renews the session and the step succeeds', () => {
    it('Trustpilot', async () => {
      e2e.sandbox.expireTokens('trustpilot');
      const input = invitation();
      await e2e.runner.run('creates.send_invitation', input);
      expect(sentTo(e2e, input.reference_number)).toBe(1);
    });

    it('Salesforce', async () => {
      e2e.sandbox.expireTokens('salesforce');
      const rows = await e2e.runner.run<unknown[]>('triggers.opportunity_stage_reached', { stage: 'Closed Won' });
      expect(rows.length).toBeGreaterThan(0);
      expect(e2e.runner.stats.refreshed).toBeGreaterThan(0);
    });
  });

  describe('reads are retried within bounds', () => {
    it('two 503s on the review list, then the poll succeeds', async () => {
      e2e.sandbox.faults.failWith(REVIEWS, 503, { times: 2 });
      const seen = e2e.sandbox.state.journal.length;
      const rows = await e2e.runner.run<unknown[]>('triggers.new_service_review', {});
      expect(rows.length).toBeGreaterThan(0);
      const statuses = e2e.sandbox.state.journal
        .slice(seen)
        .filter((w) => w.method === 'GET' && /\/business-units\/\w+\/reviews/.test(w.path))
        .map((w) => w.status);
      expect(statuses).toEqual([503, 503, 200]);
    });

    it('a dropped connection on a Salesforce query, then the poll succeeds', async () => {
      e2e.sandbox.faults.dropBeforeHandling(QUERY, { times: 1 });
      const rows = await e2e.runner.run<Array<{ record_id: string }>>('triggers.opportunity_stage_reached', { stage: 'Closed Won' });
      expect(rows.map((r) => r.record_id)).toContain(SALESFORCE.opportunities.closedWon.id);
    });

    it('three 503s in a row: a clear error, not a hang', async () => {
      e2e.sandbox.faults.failWith(REVIEWS, 503, { times: 3 });
      const err = await failure(e2e.runner.run('triggers.new_service_review', {}));
      expect(err.code).toBe('upstream_unavailable');
      expect(err.message).toMatch(/Trustpilot answered with an error \(HTTP 503\)/);
    });
  });

  describe('an invitation is re-sent only when the failure proves it was not scheduled', () => {
    it('a 504 from a gateway after Trustpilot scheduled it: not repeated, “outcome unknown”, and a replay halts with the same sentence', async () => {
      e2e.sandbox.faults.failAfterHandling(INVITATIONS, 504, { times: 1 });
      const input = invitation();
      const err = await failure(e2e.runner.run('creates.send_invitation', input));
      expect(err.code).toBe('outcome_unknown');
      expect(err.message).toMatch(/HTTP 504.*the outcome is unknown/);
      expect(sentTo(e2e, input.reference_number)).toBe(1);

      const replay = await failure(e2e.runner.run('creates.send_invitation', input));
      expect(replay.name).toBe('HaltedError');
      expect(replay.message.startsWith(err.message)).toBe(true);
      expect(sentTo(e2e, input.reference_number)).toBe(1);
    });

    it('refused connections: re-sent when the host is back, scheduled once', async () => {
      await e2e.sandbox.faults.refuseConnections('trustpilotInvitations', { forMs: 500 });
      const input = invitation();
      await e2e.runner.run('creates.send_invitation', input);
      expect(sentTo(e2e, input.reference_number)).toBe(1);
    });

    it('connection dropped after Trustpilot scheduled it: a clear “outcome unknown” error, and a replay does not send a second one', async () => {
      e2e.sandbox.faults.dropAfterHandling(INVITATIONS, { times: 1 });
      const input = invitation();
      const err = await failure(e2e.runner.run('creates.send_invitation', input));
      expect(err.code).toBe('outcome_unknown');
      expect(sentTo(e2e, input.reference_number)).toBe(1);

      const replay = await failure(e2e.runner.run('creates.send_invitation', input));
      expect(replay.name).toBe('HaltedError');
      expect(sentTo(e2e, input.reference_number)).toBe(1);
    });

    it('connection dropped before Trustpilot saw it: the same clear error, never a silent loss', async () => {
      e2e.sandbox.faults.dropBeforeHandling(INVITATIONS, { times: 1 });
      const input = invitation();
      const err = await failure(e2e.runner.run('creates.send_invitation', input));
      expect(err.code).toBe('outcome_unknown');
      expect(err.message).toMatch(/cannot tell whether it took effect/);
      expect(sentTo(e2e, input.reference_number)).toBe(0);
    });

    it('a 500 (may have been processed): not repeated, and the user is told', async () => {
      e2e.sandbox.faults.failWith(INVITATIONS, 500, { times: 1 });
      const input = invitation();
      expect((await failure(e2e.runner.run('creates.send_invitation', input))).code).toBe('outcome_unknown');
      expect(e2e.sandbox.state.calls[INVITATIONS]).toBeGreaterThan(0);
      expect(sentTo(e2e, input.reference_number)).toBe(0);
    });

    it('a plain replay of a successful send returns the first result and sends nothing', async () => {
      const input = invitation();
      const first = await e2e.runner.run<Record<string, unknown>>('creates.send_invitation', input);
      const replay = await e2e.runner.run<Record<string, unknown>>('creates.send_invitation', input);
      expect(replay).toMatchObject({ duplicate: true, consumer_email: first.consumer_email });
      expect(sentTo(e2e, input.reference_number)).toBe(1);
    });
  });
});
