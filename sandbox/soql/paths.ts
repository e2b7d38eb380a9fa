import type { SalesforceStore, SRecord } from '../salesforce/store';
import { noSuchColumn, unknownRelationship } from './errors';
import { findObject, type FieldDef, type SObjectSchema } from './schema';
import type { SValue } from './values';

/** A field reached from the query's object, possibly through parent relationships (Opportunity.Account.Name). */
export interface FieldPath {
  /** The reference fields walked, in order. */
  hops: readonly FieldDef[];
  field: FieldDef;
  /** Set on the last field of a polymorphic hop (What.Type): the target's object name, not a stored value. */
  isObjectType?: boolean;
}

/** Polymorphic relationships (Task.What) expose only the fields every target has. */
const POLYMORPHIC_FIELDS: Record<string, FieldDef> = {
  id: { name: 'Id', type: 'id', createable: false },
  name: { name: 'Name', type: 'string', createable: false },
  type: { name: 'Type', type: 'picklist', createable: false },
};

/** Resolves a dotted name against the schema; `alias` is the FROM alias, which may prefix paths (o.Name). */
export const resolvePath = (root: SObjectSchema, raw: string, soql: string, alias?: string, store?: SalesforceStore): FieldPath => {
  const parts = raw.split('.');
  if (alias && parts.length > 1 && parts[0]!.toLowerCase() === alias.toLowerCase()) parts.shift();
  const hops: FieldDef[] = [];
  let object: SObjectSchema | undefined = root;
  for (const rel of parts.slice(0, -1)) {
    if (!object) throw unknownRelationship(soql, rel, 'field path'); // below a polymorphic hop
    const hop = object.parents.get(rel.toLowerCase());
    if (!hop?.relationship || (store && !store.visible(object.name, hop.name))) throw unknownRelationship(soql, rel, 'field path');
    hops.push(hop);
    object = hop.relationship.to.length === 1 ? findObject(hop.relationship.to[0]!) : undefined;
  }
  const name = parts[parts.length - 1]!;
  const field = object ? object.fields.get(name.toLowerCase()) : POLYMORPHIC_FIELDS[name.toLowerCase()];
  // Salesforce calls the polymorphic target entity "Name".
  // A field the user cannot read (field-level security) is absent from the API, not empty.
  if (!field || (store && object && !store.visible(object.name, field.name))) throw noSuchColumn(soql, name, object?.name ?? 'Name', raw);
  return { hops, field, isObjectType: !object && field.name === 'Type' };
};

/** The record at the end of the path's hops, or undefined where a lookup is empty. */
export const walk = (
  store: SalesforceStore,
  record: SRecord,
  hops: readonly FieldDef[],
): { object?: string; record: SRecord } | undefined => {
  let current: { object?: string; record: SRecord } | undefined = { record };
  for (const hop of hops) {
    const id: SValue = current.record[hop.name] ?? null;
    current = typeof id === 'string' ? store.get(id) : undefined;
    if (!current) return undefined;
  }
  return current;
};

/** Reads a polymorphic target's Name: Cases and Orders have none, so Salesforce shows their number. */
const nameOf = (record: SRecord): SValue => record.Name ?? record.CaseNumber ?? record.OrderNumber ?? null;

export const readPath = (store: SalesforceStore, record: SRecord, path: FieldPath): SValue => {
  const target = walk(store, record, path.hops);
  if (!target) return null;
  if (path.isObjectType) return target.object ?? null;
  const polymorphic = path.hops.length > 0 && path.hops[path.hops.length - 1]!.relationship!.to.length > 1;
  if (polymorphic && path.field.name === 'Name') return nameOf(target.record);
  return target.record[path.field.name] ?? null;
};
