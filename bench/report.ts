/**
 * What each measurement hands back, and the two ways it is shown: a plain-text table on stdout and
 * BENCHMARKS.md (machine, method, figures, findings).
 */
import type { Machine } from './machine';

/** `not met` and `failed` are the ones a reader must not miss; `info` rows have no goal. */
export type Verdict = 'met' | 'not met' | 'info' | 'missing' | 'failed';

export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: Verdict;
}

export interface Section {
  number: number;
  title: string;
  rows: Row[];
  /** How it was measured, as sentences for BENCHMARKS.md. */
  method: string[];
  /** What the figures mean: causes of a missed goal, caveats. */
  findings: string[];
  seconds: number;
}

export const row = (r: Partial<Row> & Pick<Row, 'measure' | 'value'>): Row => ({
  baseline: '',
  ratio: '',
  goal: '',
  verdict: 'info',
  ...r,
});

const HEADERS = ['#', 'Measure', 'Value', 'Baseline', 'Ratio', 'Goal', 'Verdict'] as const;

const cells = (sections: readonly Section[]): string[][] =>
  sections.flatMap((s) => s.rows.map((r, i) => [i === 0 ? String(s.number) : '', r.measure, r.value, r.baseline, r.ratio, r.goal, r.verdict]));

export const textTable = (sections: readonly Section[]): string => {
  const body = cells(sections);
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(HEADERS), rule];
  sections.forEach((s, i) => {
    if (i > 0) out.push('');
    out.push(...cells([s]).map(line));
  });
  return out.join('\n');
};

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

export const markdown = (sections: readonly Section[], machine: Machine, totalSeconds: number): string => {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    'What a Zap costs our users: cold start, Salesforce API calls per poll, invitation throughput under Trustpilot’s rate limit,',
    'the app’s own time per step and the size of what Zapier deploys. Written by `npm run bench` (not part of `npm test`);',
    'every figure is a ratio against a baseline measured in the same run. The latest run replaces this file.',
    '',
  );
  out.push('## Machine', '');
  out.push(`- CPU: ${machine.cpu} × ${machine.cores} logical cores`);
  out.push(`- Memory: ${machine.memory}`);
  out.push(`- Node: ${machine.node} (${machine.platform})`);
  out.push(`- Load average when the run started: ${machine.load}`);
  out.push(`- Date: ${machine.date}`);
  out.push(`- Commit: ${machine.commit}`);
  out.push(`- Whole run: ${totalSeconds.toFixed(0)} s`, '');

  out.push('## Results', '');
  out.push(`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`);
  for (const r of cells(sections)) out.push(`| ${r.map(mdCell).join(' | ')} |`);
  out.push('');

  const missed = sections.flatMap((s) => s.rows.filter((r) => r.verdict === 'not met' || r.verdict === 'failed' || r.verdict === 'missing').map((r) => ({ s, r })));
  out.push('## Goals not met', '');
  if (missed.length === 0) out.push('None: every goal with a target was met in this run.');
  else for (const { s, r } of missed) out.push(`- **${s.number}. ${r.measure}**: ${r.value} (goal ${r.goal || 'n/a'}) — ${r.verdict}. See “${s.title}” below.`);
  out.push('');

  for (const s of sections) {
    out.push(`## ${s.number}. ${s.title}`, '');
    out.push('**Method.**', '', ...s.method.map((m) => `- ${m}`), '');
    if (s.findings.length > 0) out.push('**Findings.**', '', ...s.findings.map((f) => `- ${f}`), '');
    out.push(`_Took ${s.seconds.toFixed(1)} s._`, '');
  }
  return out.join('\n');
};
