/**
 * 5. Deployable size: the production dependency tree the app ships, against a minimal app whose only
 * dependency is zapier-platform-core, computed the same way; then the files `zapier-platform build`
 * would put in build.zip (found by the CLI's own esbuild pass), against the same pass for core alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';

import { row, type Section } from './report';
import { bytes, count, ratio } from './stats';

interface Tree {
  packages: Map<string, { name: string; bytes: number }>;
  bytes: number;
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Bytes of every file under `dir`, not descending into nested node_modules (those are packages of their own). */
const dirBytes = (dir: string): number => {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
};

/** Node's resolution: the nearest node_modules/<name> walking up from the dependent package. */
const resolvePackage = (name: string, from: string): string | undefined => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return path.dirname(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
};

/** Every package reachable through dependencies (and installed optional ones) from `dependencies`, each once. */
export const productionTree = (dependencies: Record<string, string>, from: string): Tree => {
  const packages = new Map<string, { name: string; bytes: number }>();
  const queue: Array<[string, string]> = Object.keys(dependencies).map((name) => [name, from]);
  while (queue.length > 0) {
    const [name, parent] = queue.shift()!;
    const dir = resolvePackage(name, parent);
    if (!dir) continue; // an optional dependency not installed on this platform
    const real = realpathSync(dir);
    if (packages.has(real)) continue;
    packages.set(real, { name, bytes: dirBytes(real) });
    const pkg = readJson(path.join(real, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) queue.push([dep, dir]);
  }
  return { packages, bytes: [...packages.values()].reduce((n, p) => n + p.bytes, 0) };
};

interface ZipEstimate {
  files: number;
  bytes: number;
  deflated: number;
}

/** The files the CLI's build finds (its esbuild metafile), plus each package's package.json as it adds them. */
const requiredFiles = async (root: string, entryPoints: string[]): Promise<ZipEstimate> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findRequiredFiles } = require(path.join(root, 'node_modules/zapier-platform-cli/src/utils/build')) as {
    findRequiredFiles: (workingDir: string, entryPoints: string[]) => Promise<string[]>;
  };
  const files = new Set((await findRequiredFiles(root, entryPoints)).map((rel) => path.resolve(root, rel)));
  for (const file of [...files]) {
    const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (m) files.add(path.join(m[1]!, 'package.json'));
  }
  let total = 0;
  let deflated = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    const content = readFileSync(file);
    total += content.length;
    deflated += deflateRawSync(content, { level: constants.Z_BEST_COMPRESSION }).length;
  }
  return { files: files.size, bytes: total, deflated };
};

interface ZipListing {
  entries: number;
  compressed: number;
  uncompressed: number;
  /** package.json entries of packages that have no other file in the zip (the CLI's preset pattern adds every package.json under the app). */
  bareManifests: number;
  bareManifestBytes: number;
}

/** Reads a zip's central directory (no zip64: Zapier's zips are far below 4 GiB). */
const listZip = (file: string): ZipListing => {
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
  const files: Array<{ name: string; compressed: number; uncompressed: number }> = [];
  for (let i = 0; i < entries; i++) {
    const compressed = buf.readUInt32LE(at + 20);
    const uncompressed = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    files.push({ name, compressed, uncompressed });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  const dirOf = (name: string) => name.slice(0, name.lastIndexOf('/') + 1);
  const withContent = new Set(files.filter((f) => !f.name.endsWith('package.json')).map((f) => f.name));
  const bare = files.filter((f) => {
    if (!f.name.endsWith('/package.json') || !f.name.includes('node_modules/')) return false;
    const dir = dirOf(f.name);
    for (const other of withContent) if (other.startsWith(dir)) return false;
    return true;
  });
  return {
    entries,
    compressed: files.reduce((n, f) => n + f.compressed, 0),
    uncompressed: files.reduce((n, f) => n + f.uncompressed, 0),
    bareManifests: bare.length,
    bareManifestBytes: bare.reduce((n, f) => n + f.compressed, 0),
  };
};

/** build/build.zip here, else in the repository's main checkout (a worktree cannot build it; GUIDE.md). */
const builtZip = (root: string): { file: string; bytes: number; mtime: Date } | undefined => {
  const candidates = [path.join(root, 'build', 'build.zip')];
  try {
    const list = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const mainCheckout = /^worktree (.+)$/m.exec(list)?.[1];
    if (mainCheckout) candidates.push(path.join(mainCheckout, 'build', 'build.zip'));
  } catch {
    // not a git checkout: only the local build counts
  }
  const file = candidates.find((f) => existsSync(f));
  if (!file) return undefined;
  const stat = statSync(file);
  return { file, bytes: stat.size, mtime: stat.mtime };
};

export const measureSize = async (root: string): Promise<Section> => {
  const started = Date.now();
  const pkg = readJson(path.join(root, 'package.json'));
  const app = productionTree(pkg.dependencies ?? {}, root);
  const core = productionTree({ 'zapier-platform-core': '*' }, root);
  const coreNames = new Set([...core.packages.values()].map((p) => p.name));
  const added = [...app.packages.values()].filter((p) => !coreNames.has(p.name));
  const largest = added.sort((a, b) => b.bytes - a.bytes).slice(0, 6);

  const wrapper = path.join(root, 'node_modules/zapier-platform-core/include/zapierwrapper.js');
  const appZip = await requiredFiles(root, [wrapper, path.join(root, 'index.js')]);
  const coreZip = await requiredFiles(root, [wrapper]);
  const built = builtZip(root);

  const rows = [
    row({
      measure: 'Production dependency tree',
      value: `${bytes(app.bytes)}, ${count(app.packages.size)} pkgs`,
      baseline: `${bytes(core.bytes)}, ${count(core.packages.size)} pkgs`,
      ratio: ratio(app.bytes, core.bytes),
    }),
    row({
      measure: 'Files the build zips (uncompressed)',
      value: `${bytes(appZip.bytes)}, ${count(appZip.files)} files`,
      baseline: `${bytes(coreZip.bytes)}, ${count(coreZip.files)} files`,
      ratio: ratio(appZip.bytes, coreZip.bytes),
    }),
    row({
      measure: 'Same, deflated (≈ zip size)',
      value: bytes(appZip.deflated),
      baseline: bytes(coreZip.deflated),
      ratio: ratio(appZip.deflated, coreZip.deflated),
    }),
  ];
  const listing = built ? listZip(built.file) : undefined;
  if (built && listing) {
    rows.push(row({ measure: 'build/build.zip as built', value: `${bytes(built.bytes)}, ${count(listing.entries)} files`, baseline: 'no core-only zip' }));
  }
  return {
    number: 5,
    title: 'Deployable size',
    rows,
    method: [
      'Production dependency tree: from package.json `dependencies`, every package reachable through `dependencies` and installed `optionalDependencies`, resolved as Node does and counted once by real path; bytes of all its files (nested node_modules counted as their own packages). Baseline: the same walk from a minimal app whose only dependency is `zapier-platform-core`.',
      'Files the build zips: `zapier-platform build` does not zip the whole tree; it runs esbuild from `zapierwrapper.js` and `index.js` and zips the files found, plus each package’s package.json. The bench calls the CLI’s own `findRequiredFiles` with those entry points (and with the wrapper alone for the baseline), sums the bytes, and deflates each file at level 9 as the CLI’s zip does. Not counted: the files the CLI adds by pattern (every package.json under the app directory, and `includeInBuild` in .zapierapprc); the build.zip figure below has them.',
      built
        ? `build/build.zip: the file at \`${path.relative(root, built.file) || built.file}\`, built ${built.mtime.toISOString()}; it may predate this commit (a worktree cannot run \`npm run build:zip\`, GUIDE.md).`
        : 'build/build.zip: not found here or in the main checkout; `npm run build:zip` on a main checkout produces it.',
    ],
    findings: [
      `The app’s own dependencies add ${bytes(app.bytes - core.bytes)} to core’s tree; the largest packages not in core’s tree: ${largest.map((p) => `${p.name} ${bytes(p.bytes)}`).join(', ')}.`,
      `Deployed, it is smaller: the lazily imported modules are still found and zipped, but only the files actually required (${count(appZip.files)} of them) ship.`,
      ...(listing
        ? [
            `build/build.zip holds ${count(listing.entries)} files (${bytes(listing.uncompressed)} uncompressed). ${count(listing.bareManifests)} of them are package.json files of packages ` +
              `that ship no code (${bytes(listing.bareManifestBytes)} compressed): the CLI adds every package.json under the app directory, and \`npm run build:zip\` passes ` +
              '`--skip-dep-install`, so the manifests of the dev dependencies installed locally ride along. Without that flag the CLI runs `npm install --production` in a copy of the app first, and these would not be there.',
          ]
        : []),
      'No goal is set for size in issue #8; the ratio is for tracking.',
    ],
    seconds: (Date.now() - started) / 1000,
  };
};
