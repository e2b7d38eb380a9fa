/**
 * 5. Deployable size: the production zip Zapier runs, built here exactly as `npm run build:zip` and
 * `npm run push` build it (tools/production-zip.ts: a staging copy with production dependencies only), against
 * the production zip of a minimal app whose only dependency is zapier-platform-core, built the same way; and the
 * bytes each heavy package ships in it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildProductionZip } from '../tools/production-zip';
import { row, type Row, type Section } from './report';
import { bytes, count, ratio } from './stats';

const GOAL = 2.5;

interface ZipFile {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** Reads a zip's central directory (no zip64: Zapier's zips are far below 4 GiB). */
const listZip = (file: string): ZipFile[] => {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < entries; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    files.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), compressed: buf.readUInt32LE(at + 20), uncompressed: buf.readUInt32LE(at + 24) });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return files;
};

const total = (files: readonly ZipFile[], key: 'compressed' | 'uncompressed') => files.reduce((n, f) => n + f[key], 0);
const packageOf = (name: string) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(name)?.[1];

/** The production zip of an app with zapier-platform-core alone: the floor any app on this platform ships. */
const coreOnlyZip = (root: string): ZipFile[] => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zapier-core-only-'));
  try {
    const core = JSON.parse(readFileSync(path.join(root, 'node_modules/zapier-platform-core/package.json'), 'utf8')) as { version: string };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'core-only', version: '1.0.0', private: true, dependencies: { 'zapier-platform-core': core.version } }));
    // core itself needs the includeInBuild entries (files esbuild cannot find), as the app does.
    writeFileSync(path.join(dir, '.zapierapprc'), readFileSync(path.join(root, '.zapierapprc')));
    writeFileSync(path.join(dir, 'index.js'), "module.exports = { version: '1.0.0', platformVersion: require('zapier-platform-core').version, triggers: {}, creates: {}, searches: {} };\n");
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in the core-only app`);
    };
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund']);
    run(process.execPath, [path.join(root, 'node_modules/zapier-platform-cli/src/bin/run'), 'build', '--skip-dep-install', '--skip-validation']);
    return listZip(path.join(dir, 'build', 'build.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The packages worth watching, and what the app does about each. */
const HEAVY: Array<{ name: string; choice: (files: ZipFile[]) => string }> = [
  {
    name: 'libphonenumber-js',
    choice: (files) => {
      const metadata = files.filter((f) => /metadata\.[a-z]+\.json$/.test(f.name)).map((f) => `${f.name.split('/').pop()} ${bytes(f.uncompressed)}`);
      return `kept: it turns a customer’s number into E.164 for the WhatsApp and SMS links, which a regular expression cannot do per country. The default entry point already ships the smallest (“min”) metadata (${metadata.join(', ') || 'none'}); “max” metadata would add validation by number type, which the links do not need.`;
    },
  },
  {
    name: 'zod',
    choice: () =>
      'kept: every response is parsed at the client boundary, so an unexpected shape becomes a sentence, not a crash. zod’s smaller build (zod/mini) would ship less, but takes functions instead of methods, so every schema in src/ would be rewritten; the whole package is loaded lazily, after the definition, so it costs zip bytes, not cold start.',
  },
  {
    name: '@jsforce/jsforce-node',
    choice: () =>
      'kept: Salesforce’s client (auth, query paging, describe, errors), pinned to the last release on node-fetch; only the modules the triggers require ship, not the whole package.',
  },
  {
    name: 'qrcode',
    choice: () => 'kept: the QR code of an invitation link, as a PNG and an SVG; drawing it ourselves would mean carrying the same encoder.',
  },
  { name: 'csv-parse', choice: () => 'kept: the batch reads CSV from Excel (BOM, semicolons, quotes); only its sync build ships.' },
];

export const measureSize = async (root: string): Promise<Section> => {
  const started = Date.now();
  const t0 = Date.now();
  let built = 'built here';
  try {
    buildProductionZip({ root });
  } catch (err) {
    // On a very busy machine the CLI's 5-second smoke load can time out: measure the zip `npm run build:zip` left.
    if (!existsSync(path.join(root, 'build', 'build.zip'))) throw err;
    built = `building it here failed (${(err as Error).message.slice(0, 120)}), so this is the zip \`npm run build:zip\` built at ${statSync(path.join(root, 'build', 'build.zip')).mtime.toISOString()}`;
  }
  const buildSeconds = (Date.now() - t0) / 1000;
  const app = listZip(path.join(root, 'build', 'build.zip'));
  const core = coreOnlyZip(root);

  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  // Dev-only per the lockfile: a devDependency a production package also needs (pngjs, under qrcode) rightly ships.
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
  const devFiles = app.filter((f) => devOnly.includes(packageOf(f.name) ?? ''));
  const appZipBytes = total(app, 'compressed');
  const coreZipBytes = total(core, 'compressed');
  const within = appZipBytes / coreZipBytes <= GOAL;

  const rows: Row[] = [
    row({
      measure: 'Production zip (compressed)',
      value: `${bytes(appZipBytes)}, ${count(app.length)} files`,
      baseline: `${bytes(coreZipBytes)}, ${count(core.length)} files core only`,
      ratio: ratio(appZipBytes, coreZipBytes),
      goal: `≤ ${GOAL}×`,
      verdict: within ? 'met' : 'not met',
    }),
    row({ measure: 'Same, uncompressed', value: bytes(total(app, 'uncompressed')), baseline: bytes(total(core, 'uncompressed')), ratio: ratio(total(app, 'uncompressed'), total(core, 'uncompressed')) }),
    row({ measure: 'devDependency files in the zip', value: count(devFiles.length), goal: '0', verdict: devFiles.length === 0 ? 'met' : 'not met' }),
    row({ measure: 'Time to build it (npm run build:zip after the build)', value: built === 'built here' ? `${buildSeconds.toFixed(0)} s` : 'not built here' }),
  ];
  const findings: string[] = [];
  for (const heavy of HEAVY) {
    const files = app.filter((f) => packageOf(f.name) === heavy.name);
    rows.push(row({ measure: `Shipped: ${heavy.name}`, value: `${bytes(total(files, 'compressed'))} (${bytes(total(files, 'uncompressed'))} unzipped, ${count(files.length)} files)` }));
    findings.push(`\`${heavy.name}\`: ${bytes(total(files, 'compressed'))} in the zip; ${heavy.choice(files)}`);
  }
  findings.push(
    'Left out on purpose (tools/production-zip.ts, tsconfig.build.json, package.json `overrides`): node-fetch’s optional `encoding` peer and its iconv-lite (~175 KiB zipped, never called: jsforce sends through z.request), the comments of the compiled code (the TypeScript with its comments is in source.zip), and second copies of form-data and mime-db.',
  );
  const byPackage = new Map<string, number>();
  for (const f of app) {
    const name = packageOf(f.name);
    if (name) byPackage.set(name, (byPackage.get(name) ?? 0) + f.compressed);
  }
  const coreNames = new Set(core.map((f) => packageOf(f.name)).filter(Boolean));
  const added = [...byPackage].filter(([name]) => !coreNames.has(name)).sort((a, b) => b[1] - a[1]);
  findings.push(
    `Packages the app adds to core’s, largest first: ${added.slice(0, 10).map(([name, n]) => `${name} ${bytes(n)}`).join(', ')}; ${count(added.length)} in all, ${bytes(added.reduce((n, [, b]) => n + b, 0))}.`,
  );
  const own = app.filter((f) => f.name.startsWith('dist/'));
  findings.push(`The app’s own compiled code: ${bytes(total(own, 'compressed'))} in ${count(own.length)} files.`);

  return {
    number: 5,
    title: 'Deployable size',
    rows,
    method: [
      'The production zip: `buildProductionZip` (tools/production-zip.ts), the code behind `npm run build:zip` and `npm run push`: the built app copied to a temporary folder, `npm ci --omit=dev` there, and `zapier-platform build --skip-dep-install` in it, which zips only the files esbuild finds from the entry points (plus package.json files and `includeInBuild`) and smoke-loads the zip. Sizes are read from the zip’s own directory.',
      'Baseline: a minimal app (an empty definition) whose only dependency is zapier-platform-core at the same version, installed with production dependencies only and built by the same CLI the same way.',
      `Goal: the app’s zip at most ${GOAL}× the core-only zip, compressed. The time to build the zip is measured here too (the staging install reads npm’s cache first).`,
    ],
    findings: [...(built === 'built here' ? [] : [`The production zip: ${built}.`]), ...findings],
    seconds: (Date.now() - started) / 1000,
  };
};
