/** The "Template" dropdowns: Trustpilot's invitation templates, default first, with the language in the name. */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { TrustpilotClient } from '../trustpilot/client';
import type { Template } from '../trustpilot/schemas';

export interface TemplateChoice {
  id: string;
  name: string;
}

/**
 * Default templates first (Trustpilot's order among them), then the others by name, so the choice most
 * users want is on top and the rest is easy to scan. The language is added when known: several templates
 * often share a name across languages.
 */
export function templateChoices(templates: Template[]): TemplateChoice[] {
  const seen = new Set<string>();
  const unique = templates.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
  const defaults = unique.filter((t) => t.isDefaultTemplate === true);
  const others = unique
    .filter((t) => t.isDefaultTemplate !== true)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return [...defaults, ...others].map((t) => ({ id: t.id, name: t.locale ? `${t.name} (${t.locale})` : t.name }));
}

/** Perform of the hidden `template_list` trigger; the business unit is the one chosen in the step, if any. */
export async function listTemplateChoices(z: ZObject, bundle: Bundle): Promise<TemplateChoice[]> {
  const client = TrustpilotClient.fromBundle(z, bundle);
  const chosen = (bundle.inputData as Record<string, unknown> | undefined)?.business_unit_id;
  const businessUnitId = client.businessUnitId(typeof chosen === 'string' ? chosen : undefined);
  return templateChoices(await client.listTemplates(businessUnitId));
}
