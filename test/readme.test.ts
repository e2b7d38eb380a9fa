/** The README's operation table speaks the Zap editor's words: every visible operation, its label and description. */
import fs from 'node:fs';
import path from 'node:path';

import App from '../index';

type Op = { key: string; display: { label: string; description: string; hidden?: boolean } };
const app = App as unknown as Record<'triggers' | 'creates' | 'searches', Record<string, Op>>;
const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');

const rows = new Map(
  [...readme.matchAll(/^\| (?:Trigger|Action|Search) \| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [m[1]!, { label: m[2]!.trim(), description: m[3]!.trim() }]),
);

const visible = (['triggers', 'creates', 'searches'] as const).flatMap((kind) => Object.values(app[kind] ?? {})).filter((op) => !op.display.hidden);

describe('README operation table', () => {
  it.each(visible.map((op) => [op.key, op] as const))('%s has a row with its editor label and description', (_key, op) => {
    expect(rows.get(op.key)).toEqual({ label: op.display.label, description: op.display.description });
  });

  it('lists no operation the app does not have', () => {
    expect([...rows.keys()].filter((key) => !visible.some((op) => op.key === key))).toEqual([]);
  });
});
