/**
 * Cold start: the three sharing actions' shells load with the app definition, so they must not pull in zod,
 * qrcode, libphonenumber-js or jsforce; their cores load inside perform. Each heavy package is replaced by a
 * recording stand-in that notes when jest evaluates it.
 */
export {}; // a module, so its names stay its own

const evaluated: string[] = [];

beforeEach(() => {
  evaluated.length = 0;
  jest.resetModules();
  for (const name of ['zod', 'qrcode', 'libphonenumber-js', '@jsforce/jsforce-node']) {
    jest.doMock(name, () => {
      evaluated.push(name);
      return jest.requireActual(name);
    });
  }
});

it.each(['../../creates/generate_invitation_link', '../../creates/create_business_generated_link', '../../creates/build_afs_email'])(
  'loading %s loads none of the heavy packages',
  async (path) => {
    const shell = (await import(path)) as { default: { key: string; operation: { perform: unknown } } };
    expect(typeof shell.default.operation.perform).toBe('function');
    expect(evaluated).toEqual([]);
  },
);

it('loads the cores, and only then zod, when a perform imports them', async () => {
  await import('../../src/invitation-links/invitation-link');
  await import('../../src/business-generated-links/business-generated-link');
  await import('../../src/afs/afs-email');
  expect(evaluated).toEqual(['zod']);
});
