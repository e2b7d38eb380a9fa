/**
 * Cold start: the app definition (every shell, with its field lists and samples) must load none of the
 * heavy packages; the batch's CSV parser loads only when a CSV is read.
 */
export {}; // a module, so its names do not clash with other test files

const evaluated: string[] = [];
const HEAVY = ['zod', 'csv-parse/sync', 'qrcode', 'libphonenumber-js', '@jsforce/jsforce-node'];

beforeEach(() => {
  evaluated.length = 0;
  jest.resetModules();
  for (const name of HEAVY) {
    jest.doMock(name, () => {
      evaluated.push(name);
      return jest.requireActual(name);
    });
  }
});

it('loading the app definition loads none of the heavy packages', async () => {
  const app = (await import('../../index')).default;
  expect(Object.keys(app.creates ?? {})).toEqual(expect.arrayContaining(['send_invitation', 'send_invitations_batch']));
  expect(evaluated).toEqual([]);
});

it('the batch loads csv-parse only when it reads a CSV', async () => {
  const csv = await import('../../src/invitations/batch/csv');
  await import('../../src/invitations/batch/batch');
  expect(evaluated).not.toContain('csv-parse/sync');
  await csv.parseInvitationCsv('consumer_email,consumer_name,reference_number\na@example.com,A,1', 'csv_text');
  expect(evaluated).toContain('csv-parse/sync');
});
