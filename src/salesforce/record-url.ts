/**
 * Links a marketer can open. Lightning lives on `<mydomain>.lightning.force.com`, the API on
 * `<mydomain>.my.salesforce.com` (sandboxes: `<org>--<box>.sandbox.my.salesforce.com` →
 * `<org>--<box>.sandbox.lightning.force.com`). Any other host (an old instance host, the local sandbox)
 * gets the classic `<instance>/<id>` link, which Salesforce redirects to the right page.
 */
export const recordUrl = (instanceUrl: string, sobject: string, id: string): string => {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    return `${instanceUrl.replace(/\/+$/, '')}/${id}`;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && host.endsWith('.my.salesforce.com')) {
    const lightningHost = `${host.slice(0, -'.my.salesforce.com'.length)}.lightning.force.com`;
    return `https://${lightningHost}/lightning/r/${sobject}/${id}/view`;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/${id}`;
};
