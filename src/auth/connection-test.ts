/**
 * The connection test: one cheap call per configured part, which reads only what it needs from the answer
 * (Trustpilot: nothing but the status; unknown or missing fields never fail a connection) (the AFS address and the BGL
 * keys are checked locally), and a
 * result that says which part failed and why, so a user with two parts knows which one to fix.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { errorMessage, isZapierError } from '../errors/error-message';
import { appError, factsOf, type ErrorFacts } from '../errors/facts';
import { SalesforceClient } from '../salesforce/client';
import { TrustpilotClient } from '../trustpilot/client';
import { readCredentials } from './credentials';

export const testConnection = async (z: ZObject, bundle: Bundle) => {
  const creds = readCredentials(z, bundle.authData);
  const passed: Record<string, string> = {};
  const failed: string[] = [];
  /** What the first failing part's error says, so the test's own error keeps its kind (a refusal, an outage, …). */
  let firstFailure: ErrorFacts | undefined;

  const check = async (part: string, fn: () => Promise<string>) => {
    try {
      passed[part] = await fn();
    } catch (err) {
      // Let Zapier renew an expired session and retry; anything else is reported per part.
      if (isZapierError(err, 'RefreshAuthError') || isZapierError(err, 'ThrottledError')) throw err;
      if (failed.length === 0) firstFailure = factsOf(err);
      failed.push(`${part}: ${errorMessage(err)}`);
    }
  };

  if (creds.trustpilot) {
    await check('Trustpilot API', async () => {
      const client = TrustpilotClient.fromBundle(z, bundle);
      await client.checkBusinessUnitAccess(client.businessUnitId());
      return client.connection.businessUnitName || client.connection.businessUnitDomain || client.businessUnitId();
    });
  }
  if (creds.salesforce) {
    await check('Salesforce', async () => {
      const page = await SalesforceClient.fromBundle(z, bundle).query<{ Name: string }>('SELECT Id, Name FROM Organization LIMIT 1', {
        action: 'read the organization’s name',
      });
      return page.records[0]?.Name ?? 'connected';
    });
  }
  // Checked locally: AFS has no API to ask, and an address Trustpilot does not know is reported by Trustpilot by email.
  if (creds.afs) passed['Automatic Feedback Service'] = creds.afs.profileDomain;
  if (creds.bgl) passed['Business Generated Links'] = 'keys valid';

  if (failed.length > 0) {
    const worked = Object.keys(passed);
    // The test only reads, so nothing was written whatever the kind; an error that is not ours says nothing more.
    throw appError(z, {
      kind: firstFailure?.kind ?? 'outcome_unknown',
      sentence: `${failed.join(' ')}${worked.length > 0 ? ` (${worked.join(' and ')} connected fine.)` : ''}`,
      service: failed.length === 1 ? firstFailure?.service : undefined,
      code: 'connection_test_failed',
    });
  }
  return {
    trustpilot_business_unit: passed['Trustpilot API'] ?? '',
    salesforce_organization: passed.Salesforce ?? '',
    afs_profile_domain: passed['Automatic Feedback Service'] ?? '',
    business_generated_links: passed['Business Generated Links'] ?? '',
  };
};
