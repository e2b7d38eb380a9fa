import path from 'node:path';
import os from 'node:os';

import { SALESFORCE } from '../../sandbox';
import { runWorkflow } from '../../sandbox/workflow';
import { startE2E, type E2E } from './harness';

describe('the review workflow, end to end through the real app and the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('runs every step, and the upstreams end up holding exactly what the workflow did', async () => {
    const reports = await runWorkflow({ ...e2e, outputDir: path.join(os.tmpdir(), `demo-${process.pid}`) });
    expect(reports.map((r) => [r.title.slice(0, 40), r.status, r.error])).toEqual(reports.map((r) => [r.title.slice(0, 40), 'ok', undefined]));

    const { state } = e2e.sandbox;
    const priya = SALESFORCE.contacts.priya;
    const closing = SALESFORCE.opportunities.negotiation;

    // One email invitation for the Opportunity's primary contact, 7 days out, with its SKUs.
    expect(state.invitations).toHaveLength(1);
    const invitation = state.invitations[0]!.body as Record<string, any>;
    expect(invitation).toMatchObject({ consumerEmail: priya.email, consumerName: priya.name });
    const sendAt = Date.parse(invitation.serviceReviewInvitation.preferredSendTime);
    expect(Math.abs(sendAt - (Date.now() + 7 * 86_400_000))).toBeLessThan(5 * 60_000);
    expect(invitation.productReviewInvitation.productSkus).toEqual(expect.arrayContaining(['TL2-TENT-GRN', 'CSM-100']));
    expect(state.invitations[0]!.businessUserId).toBe(e2e.sandbox.credentials.trustpilot.businessUserId);

    // One invitation link. Its QR code and the Business Generated Link's were stashed through z.stashFile, as PNGs.
    expect(state.links).toHaveLength(1);
    const stashed = [...e2e.files.files.values()];
    expect(stashed.map((f) => f.contentType)).toEqual(['image/png', 'image/png']);
    for (const file of stashed) expect(file.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // One reply, one Task on the Opportunity naming the review.
    expect(state.replies).toHaveLength(1);
    expect(state.tasks).toHaveLength(1);
    const task = state.tasks[0]!.body as Record<string, string>;
    expect(task.WhatId).toBe(closing.id);
    expect(`${task.Subject} ${task.Description}`).toContain(state.replies[0]!.reviewId);
  });
});
