import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import App from '../index';
import { validateAppDefinition } from '../sandbox/zapier-core-internals';

const root = path.resolve(__dirname, '..');

describe('app definition', () => {
  it('runs on Node 22, the version Zapier runs apps on', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
  });

  it('passes zapier-platform-schema validation', () => {
    expect(validateAppDefinition(App)).toEqual([]);
  });

  it('loads from the root index.js the way Zapier’s CommonJS wrapper does', () => {
    expect(fs.existsSync(path.join(root, 'dist', 'index.js'))).toBe(true); // `npm test` builds before jest
    const out = execFileSync(
      process.execPath,
      ['-e', "const app=require('./index.js'); console.log(JSON.stringify({v: app.version, p: app.platformVersion}))"],
      { cwd: root, encoding: 'utf8' },
    );
    const loaded = JSON.parse(out);
    expect(loaded.v).toBe(App.version);
    expect(loaded.p).toMatch(/^19\./);
  });
});
