import { startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { bearer, postJson, trustpilotToken } from './helpers';

let sb: Sandbox;
let token: string;
const BU = TRUSTPILOT.businessUnit.id;
const asDana = { 'x-business-user-id': TRUSTPILOT.businessUser.id };

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  token = await trustpilotToken(sb);
});

const invitationsUrl = (bu = BU) => `${sb.urls.trustpilotInvitations}/v1/private/business-units/${bu}/email-invitations`;
const linksUrl = (bu = BU) => `${sb.urls.trustpilotInvitations}/v1/private/business-units/${bu}/invitation-links`;
const invitation = {
  consumerEmail: 'maya.lindqvist@alpinetrail.example',
  consumerName: 'Maya Lindqvist',
  referenceNumber: '00000101',
  locale: 'en-US',
  senderName: 'Acme Outdoor Gear',
  type: 'email',
  serviceReviewInvitation: { templateId: TRUSTPILOT.templates.standard, preferredSendTime: '2026-11-23T09:00:00', tags: ['spring-tents'] },
};

it('lists the templates, one of them the default', async () => {
  const res = await fetch(`${sb.urls.trustpilotInvitations}/v1/private/business-units/${BU}/templates`, { headers: bearer(token) });
  const { templates } = (await res.json()) as { templates: { id: string; isDefaultTemplate: boolean; locale: string; type: string; name: string }[] };
  expect(templates).toHaveLength(3);
  expect(templates.filter((t) => t.isDefaultTemplate).map((t) => t.id)).toEqual([TRUSTPILOT.templates.standard]);
  for (const t of templates) expect(Object.keys(t).sort()).toEqual(['id', 'isDefaultTemplate', 'locale', 'name', 'type']);
});

describe('email invitations', () => {
  it('answer 202 with an empty body and record the body, the business user header and the time', async () => {
    const res = await postJson(invitationsUrl(), token, invitation, asDana);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const [recorded, ...rest] = sb.state.invitations;
    expect(rest).toEqual([]);
    expect(recorded).toMatchObject({ businessUnitId: BU, businessUserId: TRUSTPILOT.businessUser.id, body: invitation });
    expect(recorded!.headers['x-business-user-id']).toBe(TRUSTPILOT.businessUser.id);
    expect(recorded!.headers.authorization).toBe(`Bearer ${token}`);
    expect(Date.parse(recorded!.receivedAt)).not.toBeNaN();
  });

  it.each(['consumerEmail', 'consumerName', 'referenceNumber'])('are refused with a Trustpilot-like 400 without %s', async (field) => {
    const { [field as keyof typeof invitation]: _dropped, ...body } = invitation;
    const res = await postJson(invitationsUrl(), token, body, asDana);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: `${field} is required`,
      errorCode: expect.any(Number),
      correlationId: expect.any(String),
      details: { field },
    });
    expect(sb.state.invitations).toEqual([]);
  });

  it('refuse a product invitation sent at the same time as the service one, or before it, with a 400', async () => {
    const product = { products: [{ sku: 'TL2-TENT-GRN', name: 'Tent' }] };
    for (const time of ['2026-11-23T09:00:00', '11/23/2026 09:00:00', '2026-11-22T09:00:00']) {
      const res = await postJson(invitationsUrl(), token, { ...invitation, productReviewInvitation: { ...product, preferredSendTime: time } }, asDana);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ message: expect.stringContaining('must precede'), errorCode: expect.any(Number), correlationId: expect.any(String) });
    }
    const later = await postJson(invitationsUrl(), token, { ...invitation, productReviewInvitation: { ...product, preferredSendTime: '2026-11-23T09:01:00' } }, asDana);
    expect(later.status).toBe(202);
    const unset = await postJson(invitationsUrl(), token, { ...invitation, productReviewInvitation: product }, asDana);
    expect(unset.status).toBe(202);
  });

  it('are refused for a template the business unit does not have', async () => {
    const body = { ...invitation, serviceReviewInvitation: { templateId: 'f'.repeat(24) } };
    expect((await postJson(invitationsUrl(), token, body, asDana)).status).toBe(400);
  });

  it('with a client-credentials token and no x-business-user-id get the real 403 / 1014 body', async () => {
    const res = await postJson(invitationsUrl(), token, invitation);
    expect(res.status).toBe(403);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['message', 'errorCode', 'correlationId']);
    expect(body).toEqual({ message: 'Access to resource is forbidden', errorCode: 1014, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(sb.state.invitations).toEqual([]);
  });

  it('on behalf of an Editor, or with the business unit id as user id, get 403 / 1014 too', async () => {
    for (const user of [TRUSTPILOT.editorUser.id, BU]) {
      const res = await postJson(invitationsUrl(), token, invitation, { 'x-business-user-id': user });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { errorCode: number }).errorCode).toBe(1014);
    }
  });

  it('to an unknown business unit get a 404', async () => {
    expect((await postJson(invitationsUrl('0'.repeat(24)), token, invitation, asDana)).status).toBe(404);
  });

  it('without a token get a 401', async () => {
    const res = await fetch(invitationsUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...asDana }, body: JSON.stringify(invitation) });
    expect(res.status).toBe(401);
  });
});

describe('invitation links', () => {
  const link = {
    referenceId: '00000101',
    email: 'maya.lindqvist@alpinetrail.example',
    name: 'Maya Lindqvist',
    locale: 'en-US',
    tags: ['spring-tents'],
    redirectUri: 'https://www.acme-outdoor.example/thanks',
    locationId: 'PAR-01',
  };

  it('return a 32-hex id and its evaluate-link URL, and are recorded', async () => {
    const res = await postJson(linksUrl(), token, link, asDana);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; url: string };
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.url).toBe(`https://www.trustpilot.com/evaluate-link/${body.id}`);
    expect(sb.state.links).toEqual([expect.objectContaining({ id: body.id, url: body.url, body: link })]);
  });

  it('work without a business user (none is documented for links), but refuse one who is not an Admin or Manager', async () => {
    expect((await postJson(linksUrl(), token, link)).status).toBe(200);
    expect(sb.state.links[0]!.businessUserId).toBeNull();
    expect((await postJson(linksUrl(), token, link, { 'x-business-user-id': TRUSTPILOT.editorUser.id })).status).toBe(403);
    sb.configure({ refuse: { linksWithoutBusinessUser: true } });
    expect((await postJson(linksUrl(), token, link)).status).toBe(403);
  });

  it('accept http and https redirects and internationalised emails, refuse other schemes, and can be told to refuse the rest', async () => {
    for (const redirectUri of ['http://trustpilot.com', 'https://trustpilot.com/thanks']) {
      expect((await postJson(linksUrl(), token, { ...link, redirectUri }, asDana)).status).toBe(200);
    }
    const js = await postJson(linksUrl(), token, { ...link, redirectUri: 'javascript:alert(1)' }, asDana);
    expect(js.status).toBe(400);
    expect(await js.json()).toMatchObject({ details: { field: 'redirectUri' } });
    expect((await postJson(linksUrl(), token, { ...link, email: 'jürgen@münchen.de' }, asDana)).status).toBe(200);

    sb.configure({ refuse: { httpRedirects: true, internationalEmails: true } });
    expect((await postJson(linksUrl(), token, { ...link, redirectUri: 'http://trustpilot.com' }, asDana)).status).toBe(400);
    expect((await postJson(linksUrl(), token, { ...link, email: 'jürgen@münchen.de' }, asDana)).status).toBe(400);
  });

  it('need an email', async () => {
    const { email: _email, ...body } = link;
    expect((await postJson(linksUrl(), token, body, asDana)).status).toBe(400);
  });
});
