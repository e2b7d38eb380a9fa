/**
 * The app's single connection: session auth over three optional groups (Trustpilot API, Salesforce,
 * Business Generated Links). The work is imported lazily so loading the app definition stays cheap.
 */
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { connectionLabel } from './connection-label';
import { connectionFields } from './fields';

export const authentication = {
  type: 'session',
  fields: connectionFields.map((field) => ({ ...field })),
  sessionConfig: {
    perform: async (z: ZObject, bundle: Bundle) => (await import('./session')).exchangeSession(z, bundle),
  },
  test: async (z: ZObject, bundle: Bundle) => (await import('./connection-test')).testConnection(z, bundle),
  connectionLabel: async (_z: ZObject, bundle: Bundle) => connectionLabel({ ...bundle.authData, ...(bundle.inputData as Record<string, unknown>) }),
} satisfies Authentication;
