/**
 * One cold start, in a fresh Node process spawned by cold-start.ts: loads zapier-platform-core alone
 * (`core`, the floor) or the built app through the root index.js shim as Zapier's CommonJS wrapper does
 * (`app`; the shim's default export is the app definition). Prints one JSON line:
 * { ms, cpuMs, modules } where ms is process.hrtime around the require, cpuMs the process's user+system
 * CPU time over the same span, and modules every file the require loaded.
 */
import path from 'node:path';

const [mode, root] = process.argv.slice(2) as ['core' | 'app', string];
const before = new Set(Object.keys(require.cache));
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();

let operations = 0;
if (mode === 'core') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(require.resolve('zapier-platform-core', { paths: [root] }));
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app = require(path.join(root, 'index.js')) as Record<string, Record<string, unknown> | undefined>;
  operations = ['triggers', 'creates', 'searches'].reduce((n, kind) => n + Object.keys(app[kind] ?? {}).length, 0);
}

const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
const modules = Object.keys(require.cache).filter((file) => !before.has(file));
process.stdout.write(JSON.stringify({ ms: elapsed, cpuMs: (used.user + used.system) / 1000, modules, operations }));
