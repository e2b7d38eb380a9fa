/**
 * Cold start: qrcode (~35 ms) and libphonenumber-js (~55 ms) must load only when a function needs them,
 * never when one of our modules is imported. Each heavy package is replaced by a recording stand-in that
 * notes when jest evaluates it.
 */
const evaluated: string[] = [];

function track(name: string) {
  jest.doMock(name, () => {
    evaluated.push(name);
    return jest.requireActual(name);
  });
}

beforeEach(() => {
  evaluated.length = 0;
  jest.resetModules();
  for (const name of ['qrcode', 'libphonenumber-js', 'csv-parse/sync']) track(name);
});

const MODULES = [
  '../../src/business-generated-links/bgl',
  '../../src/afs/snippet',
  '../../src/sharing/sharing',
  '../../src/invitations/policy/sampling',
  '../../src/invitations/policy/monthly-cap',
  '../../src/invitations/policy/replay-guard',
  '../../src/invitations/validation',
];

it.each(MODULES)('importing %s loads none of the heavy packages', async (path) => {
  await import(path);
  expect(evaluated).toEqual([]);
});

it('loads qrcode and libphonenumber-js on first use only', async () => {
  const sharing = await import('../../src/sharing/sharing');
  expect(evaluated).toEqual([]);
  await sharing.qrCodeSvg('https://example.com/');
  expect(evaluated).toEqual(['qrcode']);
  await sharing.normalizePhoneNumber('+44 20 7946 0958');
  expect(evaluated).toEqual(['qrcode', 'libphonenumber-js']);
});
