/**
 * The label users see next to their connection: what is connected, never a secret.
 * No imports: it runs inside the app definition's connectionLabel.
 */
type Data = Record<string, unknown>;

const text = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');

const hostOf = (url: string) => {
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).host;
  } catch {
    return '';
  }
};

export const connectionLabel = (data: Data): string => {
  const trustpilot = text(data, 'trustpilot_business_unit_domain') || text(data, 'trustpilot_business_unit');
  const salesforce = hostOf(text(data, 'salesforce_instance_url') || text(data, 'salesforce_domain'));
  const hasApi = Boolean(text(data, 'trustpilot_api_key'));
  const hasBgl = Boolean(text(data, 'bgl_encryption_key'));
  const parts: string[] = [];
  if (trustpilot && (hasApi || hasBgl)) parts.push(hasApi ? trustpilot : `${trustpilot} (links)`);
  else if (hasBgl) parts.push('Business Generated Links');
  if (salesforce) parts.push(salesforce);
  return parts.join(' · ');
};
