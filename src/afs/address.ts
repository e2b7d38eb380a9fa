/**
 * The Automatic Feedback Service (AFS) BCC address, as read by the connection and by "Build AFS Invitation
 * Email". No imports: the connection label and the field definitions load with the app definition.
 *
 * Trustpilot shows each business its unique address under Get reviews → Automatic Feedback Service
 * (https://support.trustpilot.com/hc/en-us/articles/213703667). Its support pages do not spell out the form;
 * every address in public code has the form `<profile domain>+<10 hex characters>@invite.trustpilot.com`
 * (docs/upstream-facts.md, "The Zap editor"), so the profile domain follows from the address.
 */
export const AFS_DOMAIN = 'invite.trustpilot.com';
export const WHERE_AFS_IS = 'Trustpilot Business → Get reviews → Automatic Feedback Service';
/** The labels of "Build AFS Invitation Email"'s own fields, shared by the shell and the core's messages. */
export const AFS_OVERRIDE_LABEL = 'AFS BCC Address (Override)';
export const BODY_HTML_LABEL = 'Email Body (HTML)';
/** Longest email body taken: 100,000 characters, stated in the field's help text. */
export const BODY_HTML_MAX = 100_000;
export const AFS_HELP_URL = 'https://support.trustpilot.com/hc/en-us/articles/213703667';

const PROFILE_DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TOKEN = /^[0-9a-f]{6,40}$/;

export type AfsAddress = { address: string; profileDomain: string };

/**
 * Reads the connection's address strictly: `<domain>+<hex>@invite.trustpilot.com`, trimmed and lowercased.
 * Returns what is wrong, in a sentence that starts after the field's label, when it is not such an address.
 */
export const parseAfsAddress = (raw: unknown): AfsAddress | { problem: string } => {
  const text = (typeof raw === 'string' ? raw : '').trim().replace(/^mailto:/i, '').toLowerCase();
  if (text === '') return { problem: `is empty: copy your address from ${WHERE_AFS_IS}` };
  const at = text.lastIndexOf('@');
  const domain = text.slice(at + 1);
  if (at < 1 || domain !== AFS_DOMAIN) {
    return { problem: `must end in @${AFS_DOMAIN} (your own address, from ${WHERE_AFS_IS}), but it is “${text}”` };
  }
  const local = text.slice(0, at);
  const plus = local.lastIndexOf('+');
  const profileDomain = local.slice(0, plus);
  if (plus < 1 || !PROFILE_DOMAIN.test(profileDomain) || !TOKEN.test(local.slice(plus + 1))) {
    return {
      problem: `must look like example.com+1a2b3c4d5e@${AFS_DOMAIN}: your profile’s domain, a +, and the code Trustpilot gave you. Copy it in full from ${WHERE_AFS_IS}`,
    };
  }
  return { address: text, profileDomain };
};
