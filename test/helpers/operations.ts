/** The review operations' functions as wired in the app definition, typed for appTester. */
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Operations = Record<string, { operation: Record<string, unknown> } | undefined> | undefined;

const app = App as unknown as { triggers: Operations; searches: Operations; creates: Operations };

const fn = (operations: Operations, key: string, name: 'perform' | 'performList'): Perform => {
  const found = operations?.[key]?.operation[name];
  if (typeof found !== 'function') throw new Error(`${key} has no ${name} function in the app definition`);
  return found as Perform;
};

export const triggerFunction = (key: string, name: 'perform' | 'performList' = 'perform') => fn(app.triggers, key, name);
export const searchPerform = (key: string) => fn(app.searches, key, 'perform');
export const createPerform = (key: string) => fn(app.creates, key, 'perform');
