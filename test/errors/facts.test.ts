/**
 * Every error the core throws carries its facts (kind, sentence, code) beside it, and what Zapier shows agrees with
 * them: the replay guard, the batch and import reports and webhook rows read the facts, never the message.
 */
import nock from 'nock';
import { errors as zapierErrors } from 'zapier-platform-core';

import { errorCode, errorMessage } from '../../src/errors/error-message';
import { factsOf, withFacts } from '../../src/errors/facts';
import { InputError } from '../../src/errors/input-error';
import App from '../../index';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, TRUSTPILOT_INVITATIONS, zapierError } from '../helpers';
import { createPerform, searchPerform } from '../helpers/operations';

const REVIEW_ID = '664327a1f0e2b8c3d4e5f601';
const { trustpilot_access_token: _token, salesforce_access_token: _sf, ...notConnected } = authData;

beforeEach(() => appTester(async () => null, {}, true)); // each test starts with an empty z.cache

/** The error a perform throws, checked to carry facts that agree with the message Zapier reads. */
const failure = async (run: () => Promise<unknown>) => {
  const err = await caught(run);
  const facts = factsOf(err);
  expect(facts).toBeDefined();
  const shown = zapierError(err);
  expect(shown.message).toBe(facts!.sentence);
  expect(shown.code).toBe(facts!.code);
  return facts!;
};

describe('errors thrown by performs carry their facts', () => {
  it('an incomplete connection is an input error: nothing was sent', async () => {
    const facts = await failure(() => appTester(createPerform('delete_review_reply'), { authData: notConnected, inputData: { review_id: REVIEW_ID } }));
    expect(facts).toMatchObject({ kind: 'input', code: 'trustpilot_not_connected' });

    const sf = await failure(() => appTester(searchPerform('find_salesforce_record'), { authData: notConnected, inputData: { reference: 'SO-1', record_type: 'Order' } }));
    expect(sf).toMatchObject({ kind: 'input', code: 'salesforce_not_connected' });
  });

  it('bad input (an InputError) keeps its kind through the boundary', async () => {
    const facts = await failure(() => appTester(createPerform('delete_review_reply'), { authData, inputData: { review_id: 'not a review id' } }));
    expect(facts).toMatchObject({ kind: 'input', code: 'invalid_input' });
  });

  it('a 4xx is a refusal by the service, with its status', async () => {
    nock(TRUSTPILOT_API).delete(`/v1/private/reviews/${REVIEW_ID}/reply`).reply(400, { message: 'Bad request', errorCode: 1000 });
    const facts = await failure(() => appTester(createPerform('delete_review_reply'), { authData, inputData: { review_id: REVIEW_ID } }));
    expect(facts).toMatchObject({ kind: 'refused', service: 'Trustpilot', status: 400 });
  });

  it('a gateway error on a write leaves the outcome unknown', async () => {
    nock(TRUSTPILOT_API).delete(`/v1/private/reviews/${REVIEW_ID}/reply`).reply(502, '');
    const facts = await failure(() => appTester(createPerform('delete_review_reply'), { authData, inputData: { review_id: REVIEW_ID } }));
    expect(facts).toMatchObject({ kind: 'outcome_unknown', service: 'Trustpilot', status: 502, code: 'outcome_unknown' });
  });

  it('an answer in an unexpected shape is an unknown outcome, not a refusal', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW_ID}`).reply(200, { id: 42, stars: 'many' });
    const facts = await failure(() => appTester(searchPerform('find_review'), { authData, inputData: { review_id: REVIEW_ID } }));
    expect(facts).toMatchObject({ kind: 'outcome_unknown', service: 'Trustpilot', code: 'unexpected_response' });
  });

  it('the connection test says which part failed, and keeps the kind of that failure', async () => {
    nock(TRUSTPILOT_INVITATIONS).get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`).reply(403, { message: 'Forbidden', errorCode: 1014 });
    const { salesforce_domain: _d, salesforce_client_id: _c, salesforce_client_secret: _s, ...trustpilotOnly } = authData;
    const facts = await failure(() => appTester(App.authentication!.test as never, { authData: trustpilotOnly }));
    expect(facts).toMatchObject({ kind: 'refused', service: 'Trustpilot', code: 'connection_test_failed' });
    expect(facts.sentence).toMatch(/^Trustpilot API: /);
  });
});

describe('errorMessage and errorCode read facts, never the JSON of a message', () => {
  it('prefer the facts', () => {
    const err = withFacts(new zapierErrors.Error('shown', 'shown_code'), { kind: 'refused', sentence: 'the sentence', code: 'the_code' });
    expect(errorMessage(err)).toBe('the sentence');
    expect(errorCode(err)).toBe('the_code');
  });

  it('read an InputError and a plain error as they are', () => {
    const input = new InputError('review_id', 'Review ID: is empty', 'Review ID');
    expect(errorMessage(input)).toBe('Review ID: is empty');
    expect(errorCode(input)).toBe('invalid_input');
    expect(errorMessage(new TypeError('x is undefined'))).toBe('x is undefined');
  });

  it('name Zapier’s own errors without showing their JSON or an empty message', () => {
    const throttled = new zapierErrors.ThrottledError('The server returned 429 (Too Many Requests)', 60);
    expect(errorMessage(throttled)).not.toMatch(/[{}]/);
    expect(errorCode(throttled)).toBe('ThrottledError');
    expect(errorMessage(new zapierErrors.Error('no facts', 'some_code'))).not.toMatch(/[{}]/);
    expect(errorMessage(new zapierErrors.RefreshAuthError())).not.toBe('');
  });
});
