/**
 * `GET /sobjects/{object}/describe`: the fields of an object from the sandbox's schema, with picklist
 * values where the app reads them (the contact-role dropdown reads OpportunityContactRole.Role).
 */
import { json, type Route } from '../http';
import { findObject } from '../soql/schema';
import { sfFail } from './errors';

/** Salesforce's standard contact roles, plus one inactive value to show that inactive ones are returned too. */
const PICKLISTS: Record<string, string[]> = {
  'OpportunityContactRole.Role': ['Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other'],
};
const INACTIVE: Record<string, string[]> = { 'OpportunityContactRole.Role': ['Legacy Champion'] };

export const describeRoute = (
  requireSession: (req: Parameters<Route['handler']>[0]) => void,
  versionOf: (req: Parameters<Route['handler']>[0]) => string,
  visible: (object: string, field: string) => boolean,
): Route => ({
  method: 'GET',
  pattern: '/services/data/:version/sobjects/:sobject/describe',
  handler: (req) => {
    versionOf(req);
    requireSession(req);
    const object = findObject(req.params.sobject ?? '');
    if (!object) throw sfFail(404, 'NOT_FOUND', 'The requested resource does not exist');
    const entry = (value: string, active: boolean) => ({ active, defaultValue: false, label: value, validFor: null, value });
    const fields = [...object.fields.values()].filter((f) => visible(object.name, f.name)).map((f) => {
      const key = `${object.name}.${f.name}`;
      return {
        name: f.name,
        label: f.name.replace(/__c$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        type: f.type,
        createable: f.createable,
        picklistValues: [...(PICKLISTS[key] ?? []).map((v) => entry(v, true)), ...(INACTIVE[key] ?? []).map((v) => entry(v, false))],
      };
    });
    return json(200, { name: object.name, label: object.name, keyPrefix: object.keyPrefix, queryable: true, fields });
  },
});
