/**
 * 1. Cold start: loading the built app (and so producing its definition) in a fresh Node 22 process,
 * against a fresh process that loads only zapier-platform-core. Runs alternate ABBA so that drift in
 * the machine's load hits both sides alike; the medians are compared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { row, type Section } from './report';
import { median, ms, ratio } from './stats';

export interface ColdStartOptions {
  root: string;
  /** Runs of each kind (at least 15). */
  runs: number;
}

interface Sample {
  ms: number;
  cpuMs: number;
  wallMs: number;
  modules: string[];
  operations: number;
}

const GOAL = 1.15;
/** The libraries that must not load with the definition (CONTRIBUTING.md, “Cold start”). */
const HEAVY = ['zod', '@jsforce/jsforce-node', 'jsforce', 'qrcode', 'libphonenumber-js', 'csv-parse', 'csv-stringify', 'crypto-js'];

const packageOf = (file: string, root: string): string => {
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file.slice(file.lastIndexOf('node_modules')));
  if (m) return m[1]!.replace(/\\/g, '/');
  return `(app) ${path.relative(root, file).split(path.sep).slice(0, 2).join('/')}`;
};

const nodeBinary = (root: string): string => {
  const pinned = path.join(root, 'node_modules', '.bin', 'node');
  return existsSync(pinned) ? pinned : process.execPath;
};

const spawnOnce = (node: string, child: string, mode: 'core' | 'app', root: string): Sample => {
  const started = process.hrtime.bigint();
  const result = spawnSync(node, [child, mode, root], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`cold start (${mode}) exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return { ...(JSON.parse(result.stdout) as Omit<Sample, 'wallMs'>), wallMs };
};

export const measureColdStart = async ({ root, runs }: ColdStartOptions): Promise<Section> => {
  const started = Date.now();
  const node = nodeBinary(root);
  const child = path.join(__dirname, 'cold-start-child.js');
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const core: Sample[] = [];
  const app: Sample[] = [];
  // One unrecorded run of each warms the file system cache, as on a Lambda whose image is already local.
  spawnOnce(node, child, 'core', root);
  spawnOnce(node, child, 'app', root);
  for (let i = 0; i < runs; i++) {
    const order: Array<'core' | 'app'> = i % 2 === 0 ? ['core', 'app'] : ['app', 'core'];
    for (const mode of order) (mode === 'core' ? core : app).push(spawnOnce(node, child, mode, root));
  }

  const pick = (samples: Sample[], key: 'ms' | 'cpuMs' | 'wallMs') => median(samples.map((s) => s[key]));
  const coreMs = pick(core, 'ms');
  const appMs = pick(app, 'ms');
  const met = appMs / coreMs <= GOAL;

  // What the app loads beyond core, from one run of each (the module set is the same every run).
  const coreModules = new Set(core[0]!.modules);
  const extra = app[0]!.modules.filter((m) => !coreModules.has(m));
  const byPackage = new Map<string, number>();
  for (const file of extra) byPackage.set(packageOf(file, root), (byPackage.get(packageOf(file, root)) ?? 0) + 1);
  const heavy = [...byPackage.keys()].filter((p) => HEAVY.includes(p));
  const packages = [...byPackage.entries()].filter(([p]) => !p.startsWith('(app)'));
  const ownFiles = extra.length - packages.reduce((n, [, c]) => n + c, 0);

  const findings = [
    `The app loads ${extra.length} files beyond core’s ${coreModules.size}: ${ownFiles} of its own (shells, plain-data field lists, auth) ` +
      (packages.length === 0 ? 'and no other package.' : `and ${packages.map(([p, c]) => `${p} (${c})`).join(', ')}.`),
    heavy.length === 0
      ? `None of the heavy libraries (${HEAVY.join(', ')}) loads with the definition: each loads inside the perform that needs it.`
      : `Heavy libraries loaded with the definition: ${heavy.join(', ')}. They should load inside perform (CONTRIBUTING.md, “Cold start”).`,
    `Whole-process wall time (spawn to exit, including Node’s own ~40 ms boot) agrees: median ${ms(pick(app, 'wallMs'))} for the app, ` +
      `${ms(pick(core, 'wallMs'))} for core alone (${ratio(pick(app, 'wallMs'), pick(core, 'wallMs'))}).`,
  ];
  if (!met) {
    const top = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    findings.push(`Goal missed: the modules loaded beyond core, by package (files): ${top.map(([p, c]) => `${p} ${c}`).join(', ')}.`);
  }

  return {
    number: 1,
    title: 'Cold start',
    rows: [
      row({
        measure: 'Cold start: load app + definition (median)',
        value: ms(appMs),
        baseline: `${ms(coreMs)} core only`,
        ratio: ratio(appMs, coreMs),
        goal: `≤ ${GOAL.toFixed(2)}×`,
        verdict: met ? 'met' : 'not met',
      }),
      row({
        measure: 'Cold start: CPU time of the same (median)',
        value: ms(pick(app, 'cpuMs')),
        baseline: `${ms(pick(core, 'cpuMs'))} core only`,
        ratio: ratio(pick(app, 'cpuMs'), pick(core, 'cpuMs')),
      }),
    ],
    method: [
      `${runs} fresh \`${path.relative(root, node) || node}\` processes (${version}) of each kind, alternating core/app, app/core (ABBA) so that changes in the machine’s load hit both; one unrecorded run of each first.`,
      'Floor: a process that requires only `zapier-platform-core`. App: a process that requires the root `index.js`, the CommonJS shim Zapier’s wrapper loads, whose export is the app definition (it requires core itself, so core’s load is inside both figures).',
      'Timed inside the child with `process.hrtime` around the `require` (the gated figure), with the process’s CPU time over the same span beside it; whole-process wall time from the parent is a cross-check.',
      `Goal: app median ≤ ${GOAL}× the floor median.`,
    ],
    findings,
    seconds: (Date.now() - started) / 1000,
  };
};
