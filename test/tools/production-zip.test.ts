/**
 * The zip `npm run build:zip` builds (and `npm run push` uploads) is the one Zapier runs: production dependencies
 * only, and every module a step lazily imports is inside it and loads from it alone. `npm test` builds it before jest.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const zip = path.join(root, 'build', 'build.zip');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const decompress = require('zapier-platform-cli/src/utils/decompress') as (zip: string, dir: string) => Promise<unknown>;

const walk = (dir: string, base = dir): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });

describe('the production zip (build/build.zip)', () => {
  let dir: string;
  let files: string[];

  beforeAll(async () => {
    if (!fs.existsSync(zip)) throw new Error('build/build.zip is missing: `npm test` builds it first (`npm run build:zip`).');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-zip-'));
    await decompress(zip, dir);
    files = walk(dir);
  });
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the entry points Zapier loads', () => {
    for (const file of ['zapierwrapper.js', 'index.js', 'definition.json', 'package.json', 'dist/index.js']) expect(files).toContain(file);
  });

  it('holds no file of a devDependency, not even its package.json', () => {
    // Dev-only per the lockfile: a devDependency that a production package also needs (pngjs, under qrcode) ships.
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['jest', 'typescript', 'node', 'nock', 'zapier-platform-cli']));
    for (const name of devOnly) expect(files.filter((f) => f.startsWith(`node_modules/${name}/`))).toEqual([]);
    expect(files.filter((f) => f.includes('node_modules/.bin/'))).toEqual([]);
    // nor the compiled tests, sandbox, bench or tools
    expect(files.filter((f) => /^dist\/(test|sandbox|bench|tools)\//.test(f))).toEqual([]);
  });

  it('loads every module a step imports lazily from the zip alone, as a Zapier container would', () => {
    const shells = files.filter((f) => /^dist\/(triggers|creates|searches)\/[^/]+\.js$/.test(f));
    expect(shells.length).toBeGreaterThan(10);
    const lazy = new Set<string>();
    for (const shell of shells) {
      const source = fs.readFileSync(path.join(dir, shell), 'utf8');
      for (const m of source.matchAll(/Promise\.resolve\(\)\.then\(\(\) => __importStar\(require\('([^']+)'\)\)\)/g)) {
        lazy.add(path.posix.join(path.posix.dirname(shell), m[1]!));
      }
    }
    expect(lazy.size).toBeGreaterThan(5);
    const script = `require('./index.js'); for (const m of ${JSON.stringify([...lazy].map((m) => `./${m}`))}) require(m); console.log('ok')`;
    // A fresh process whose cwd is the unzipped folder: nothing from this project's node_modules is on its path.
    const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(out.trim()).toBe('ok');
  });

  it('is what `npm run push` uploads: both scripts build through the same staging tool', () => {
    expect(pkg.scripts['build:zip']).toMatch(/node dist\/tools\/production-zip\.js$/);
    expect(pkg.scripts.push).toMatch(/node dist\/tools\/production-zip\.js --push$/);
    expect(pkg.scripts.test).toContain('npm run build:zip');
  });
});
