/**
 * The label users see next to their connection: what is connected, in words, never a secret,
 * e.g. "example.com · Salesforce acme" or "example.com (AFS) · Salesforce acme".
 * Imports only plain modules: it runs inside the app definition's connectionLabel.
 */
import { parseAfsAddress } from '../afs/address';

type Data = Record<string, unknown>;

const text = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');

const hostOf = (url: string) => {
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).host;
  } catch {
    return '';
  }
};

/** "acme" for acme.my.salesforce.com (and its sandboxes' --sandbox names); any other host as it is. */
const salesforceName = (host: string) => host.replace(/\.(?:sandbox\.)?my\.salesforce\.com$/i, '');

export const connectionLabel = (data: Data): string => {
  const afs = parseAfsAddress(text(data, 'afs_bcc_address'));
  const afsDomain = 'profileDomain' in afs ? afs.profileDomain : '';
  const trustpilot = text(data, 'trustpilot_business_unit_domain') || text(data, 'trustpilot_business_unit') || afsDomain;
  const salesforce = hostOf(text(data, 'salesforce_instance_url') || text(data, 'salesforce_domain'));
  const hasApi = Boolean(text(data, 'trustpilot_api_key'));
  const hasBgl = Boolean(text(data, 'bgl_encryption_key'));
  const hasAfs = Boolean(afsDomain);
  const parts: string[] = [];
  if (trustpilot && (hasApi || hasBgl || hasAfs)) {
    // The API covers everything; without it, say which plan-free parts are there.
    const without = [hasAfs ? 'AFS' : '', hasBgl ? 'links' : ''].filter(Boolean).join(', ');
    parts.push(hasApi ? trustpilot : `${trustpilot} (${without})`);
  } else if (hasBgl) parts.push('Business Generated Links');
  if (salesforce) parts.push(`Salesforce ${salesforceName(salesforce)}`);
  return parts.join(' · ');
};
