/**
 * Errors carry their facts beside them (src/errors/facts.ts); nothing in src/ reads an error's sentence or code back out
 * of the JSON zapier-platform-core keeps in `z.errors.Error` messages. This scans the source: JSON.parse appears only
 * where a response or webhook body is read, and every z.errors.Error is made by `appError`, so it has its facts.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Each legitimate JSON.parse in src/, by file, with what it parses. A new one must be added here, with its reason. */
const ALLOWED_PARSES: Record<string, { count: number; parses: string }> = {
  'http.ts': { count: 1, parses: 'a response body Zapier left as text (jsonBody)' },
  'business-generated-links/bgl.ts': { count: 1, parses: 'the decrypted payload of a Business Generated Link' },
  'review-webhooks/delivery.ts': { count: 2, parses: 'a webhook request body, as sent and with stray bytes removed' },
};

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

const files = sourceFiles(SRC).map((file) => ({ name: path.relative(SRC, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('no error message is parsed back', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('JSON.parse appears only where a body is read', () => {
    const found = Object.fromEntries(
      files.map((f) => [f.name, count(f.text, /JSON\.parse\s*\(/g)] as const).filter(([, n]) => n > 0),
    );
    expect(found).toEqual(Object.fromEntries(Object.entries(ALLOWED_PARSES).map(([name, { count: n }]) => [name, n])));
  });

  it('every z.errors.Error is made by appError, so it carries its facts', () => {
    const direct = files.filter((f) => f.name !== 'errors/facts.ts' && /new\s+(this\.)?z\.errors\.Error\s*\(/.test(f.text)).map((f) => f.name);
    expect(direct).toEqual([]);
  });
});
