/**
 * Loads the app exactly as Zapier's CommonJS wrapper does (the root index.js),
 * validates the definition with zapier-platform-schema, and prints what a user
 * will see in the Zap editor. Used by `npm run self-check`.
 */
import path from 'node:path';

import { validateAppDefinition } from '../sandbox/zapier-core-internals';

const root = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require(path.join(root, 'index.js'));
const errors = validateAppDefinition(app);
if (errors.length > 0) {
  console.error('The app definition is invalid:');
  for (const e of errors) console.error(`- ${e.property ?? ''} ${e.message}`);
  process.exit(1);
}

const list = (kind: string, items: Record<string, { display: { label: string; hidden?: boolean } }> = {}) => {
  const visible = Object.entries(items).filter(([, v]) => !v.display.hidden);
  console.log(`${kind} (${visible.length}):`);
  for (const [key, v] of visible) console.log(`  ${key.padEnd(36)} ${v.display.label}`);
};

console.log(`${app.version ? `App version ${app.version}` : 'App'} on zapier-platform-core ${app.platformVersion} (Node ${process.version})`);
list('Triggers', app.triggers);
list('Actions', app.creates);
list('Searches', app.searches);
console.log(`Connection fields: ${(app.authentication?.fields ?? []).map((f: { key: string }) => f.key).join(', ')}`);
