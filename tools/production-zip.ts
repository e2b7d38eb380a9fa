/**
 * `npm run build:zip` and `npm run push`: build the zip Zapier runs from a staging copy of the app that holds
 * production dependencies only, then (with --push) upload it from there.
 *
 * Why not `zapier-platform build` in the project itself: without `--skip-dep-install` the CLI copies the whole
 * project, node_modules and devDependencies included, all at once, and fails with EMFILE
 * (https://github.com/zapier/zapier-platform/issues/820); with `--skip-dep-install` it zips the package.json of
 * every devDependency installed locally. From a folder with production dependencies only, neither happens.
 *
 * Steps: copy what the app needs at run time (index.js, dist/, package.json without its build scripts,
 * package-lock.json, .zapierapprc) plus its TypeScript sources for Zapier's source.zip into a temporary folder;
 * `npm ci --omit=dev --ignore-scripts` there (from npm's cache when it can); `zapier-platform build
 * --skip-dep-install` there, which writes definition.json, zips and smoke-loads the zip; copy build/ back.
 * Run `npm run build` first (the npm scripts do).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** What Zapier runs (index.js → dist/), and what its source.zip shows a reviewer (.gitignore keeps node_modules out of it). */
const COPY = ['index.js', 'package-lock.json', '.zapierapprc', '.gitignore', 'index.ts', 'triggers', 'creates', 'searches', 'src', 'tsconfig.json', 'README.md'];
/** Compiled folders that only run on a developer's machine. */
const DIST_LEFT_OUT = ['bench', 'sandbox', 'tools'];

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}) in ${cwd}`);
};

/** Builds build/build.zip and build/source.zip from production dependencies (and pushes them with `push`). */
export const buildProductionZip = (options: { push?: boolean; root?: string } = {}): void => {
  const root = options.root ?? ROOT;
  if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first.');
  const stage = mkdtempSync(path.join(tmpdir(), 'zapier-stage-'));
  try {
    for (const entry of COPY) if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
    const leftOut = DIST_LEFT_OUT.map((dir) => path.join(root, 'dist', dir));
    cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true, filter: (source) => !leftOut.includes(source) });
    // Without its scripts, the CLI does not re-run `_zapier-build` (tsc is a devDependency, not installed here).
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete pkg.scripts;
    writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // --omit=optional leaves out `encoding` (and its iconv-lite, ~175 KiB zipped): an optional peer of node-fetch,
    // which jsforce's transport module loads but never calls (our transport sends through z.request), and which
    // node-fetch only uses in textConverted(), inside a try/catch require
    // (https://github.com/node-fetch/node-fetch/blob/v2.7.0/src/body.js). It is in the lockfile only because a
    // devDependency's tree installs it.
    run(npm, ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], stage);

    const cli = path.join(root, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
    // --skip-dep-install: the staging folder already holds exactly the production dependencies. The build alone
    // skips validation, which calls Zapier's API (npm test validates locally); a push validates online.
    const args = options.push ? ['push', '--skip-dep-install'] : ['build', '--skip-dep-install', '--skip-validation'];
    try {
      run(process.execPath, [cli, ...args], stage);
    } catch (err) {
      // The CLI's smoke load gives the unzipped app 5 s to load and fails with an empty error past that, which a
      // busy machine can take: one more try before giving up. A real failure fails twice.
      if (options.push) throw err;
      console.error('The build failed; trying once more (the CLI smoke-loads the zip with a 5-second limit).');
      run(process.execPath, [cli, ...args], stage);
    }
    cpSync(path.join(stage, 'build'), path.join(root, 'build'), { recursive: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
};

if (require.main === module) {
  try {
    const started = Date.now();
    const push = process.argv.includes('--push');
    buildProductionZip({ push });
    console.log(`${push ? 'Pushed' : 'Built'} build/build.zip from production dependencies in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
