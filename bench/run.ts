/**
 * `npm run bench`: cold start, Salesforce calls per poll, invitation throughput, per-step overhead, the
 * production zip's size and what a Zap costs per day; prints a table and writes BENCHMARKS.md.
 * Not part of `npm test`: benchmarks measure, they do not pass or fail.
 *
 * Each measurement runs in a fresh child process, as each Zapier step gets a fresh container: none
 * inherits another's loaded modules, heap or environment, and core's memory guard (it exits a process
 * past 250 invocations and 450 MB) cannot take the whole run down.
 *
 * BENCH_ONLY=1,3 runs some measurements only (and then does not overwrite BENCHMARKS.md).
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { measureApiCalls } from './api-calls';
import { measureBusyWeek } from './busy-week';
import { measureColdStart } from './cold-start';
import { measureCost } from './cost';
import { describeMachine } from './machine';
import { measureOverhead } from './overhead';
import { markdown, row, textTable, type Section } from './report';
import { measureSize } from './size';
import { measureThroughput } from './throughput';

/** dist/bench/run.js → the repository root. */
const ROOT = path.resolve(__dirname, '..', '..');
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const MEASUREMENTS: Array<{ number: number; title: string; run: () => Promise<Section> }> = [
  // Cold start first: no sandbox or timers are running in this process while the children start.
  { number: 1, title: 'Cold start', run: () => measureColdStart({ root: ROOT, runs: Math.max(15, int('BENCH_COLD_RUNS', 21)) }) },
  { number: 2, title: 'Salesforce API calls per poll', run: () => measureApiCalls() },
  {
    number: 3,
    title: 'Invitation throughput',
    run: () => measureThroughput({ limit: int('BENCH_RATE_LIMIT', 83), batchRows: int('BENCH_BATCH_ROWS', 190), singles: int('BENCH_SINGLES', 180) }),
  },
  { number: 4, title: 'Per-step overhead', run: () => measureOverhead({ runs: int('BENCH_OVERHEAD_RUNS', 50), warmup: 5 }) },
  { number: 5, title: 'Deployable size', run: () => measureSize(ROOT) },
  {
    number: 6,
    title: 'Busy org, polled every 5 minutes',
    run: () => measureBusyWeek({ days: int('BENCH_WEEK_DAYS', 7), changesPerDay: int('BENCH_WEEK_CHANGES', 300), records: int('BENCH_WEEK_RECORDS', 150) }),
  },
  { number: 7, title: 'What a Zap costs per day', run: () => measureCost() },
];

/** Runs one measurement in a child process (this file with `--measure N`), which sends its Section back. */
const inChild = (number: number): Promise<Section> =>
  new Promise((resolve, reject) => {
    // The app's own log lines go to stderr, so stdout carries only the table.
    const child = fork(__filename, ['--measure', String(number)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout?.pipe(process.stderr);
    let section: Section | undefined;
    child.on('message', (message) => (section = message as Section));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      section ? resolve(section) : reject(new Error(`the measurement process exited (${signal ?? code}) before reporting`)),
    );
  });

const child = async (number: number) => {
  const measurement = MEASUREMENTS.find((m) => m.number === number);
  if (!measurement || !process.send) throw new Error(`run.js --measure ${number}: no such measurement, or not started by run.js`);
  const section = await measurement.run();
  const rss = process.memoryUsage().rss / 1024 ** 2;
  console.error(`   RSS at the end: ${rss.toFixed(0)} MB`);
  process.send(section, () => process.exit(0));
};

const main = async () => {
  const only = process.env.BENCH_ONLY?.split(',').map(Number);
  const machine = describeMachine(ROOT);
  const started = Date.now();
  console.error(`Benchmarks on ${machine.cpu} × ${machine.cores}, ${machine.memory}, Node ${machine.node}, load ${machine.load}`);
  const sections: Section[] = [];
  for (const m of MEASUREMENTS) {
    if (only && !only.includes(m.number)) continue;
    console.error(`… ${m.number}. ${m.title}`);
    const t0 = Date.now();
    try {
      sections.push(await inChild(m.number));
    } catch (err) {
      // One broken measurement must not hide the others: it shows up as a failed row.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`   failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
      sections.push({
        number: m.number,
        title: m.title,
        rows: [row({ measure: m.title, value: `error: ${message.slice(0, 120)}`, verdict: 'failed' })],
        method: [],
        findings: [`The measurement failed: ${message}`],
        seconds: (Date.now() - t0) / 1000,
      });
    }
    console.error(`   ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  sections.sort((a, b) => a.number - b.number);
  const total = (Date.now() - started) / 1000;
  console.log(textTable(sections));
  console.log(`\n${total.toFixed(0)} s in all (after the build).`);
  if (only && process.env.BENCH_WRITE !== '1') {
    console.error('BENCH_ONLY is set: BENCHMARKS.md left as it was (BENCH_WRITE=1 writes it anyway).');
  } else {
    writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), markdown(sections, machine, total));
    console.error('Wrote BENCHMARKS.md');
  }
  if (sections.some((s) => s.rows.some((r) => r.verdict === 'failed'))) process.exitCode = 1;
};

const measure = process.argv.indexOf('--measure');
(measure === -1 ? main() : child(Number(process.argv[measure + 1]))).catch((err) => {
  console.error('The benchmarks could not run:', err);
  process.exitCode = 1;
});
