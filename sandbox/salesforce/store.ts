import { sfId } from '../ids';
import { findObject, SCHEMA } from '../soql/schema';
import type { SValue } from '../soql/values';

export type SRecord = { Id: string } & Record<string, SValue>;

/**
 * How this org is configured, where it changes what the API answers. Real orgs differ in each:
 * - Field History Tracking is chosen per field (Setup → Object Manager → Fields & Relationships → Set
 *   History Tracking); CaseHistory/OrderHistory rows exist only for tracked fields, with no backfill
 *   (https://help.salesforce.com/s/articleView?id=xcloud.tracking_field_history.htm).
 * - Person accounts add Account.PersonEmail and friends only once enabled
 *   (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm).
 * - Field-level security: a field the user cannot read is absent from the API ("No such column").
 * - Task statuses are org-defined (TaskStatus); Task.Status is a restricted picklist.
 */
export interface OrgSettings {
  /** `Object.Field` names with Field History Tracking on. */
  historyTracked: Set<string>;
  personAccounts: boolean;
  /** `Object.Field` names the connected user cannot read (field-level security). */
  hiddenFields: Set<string>;
  /** The org's task statuses in sort order; `closed` marks IsClosed. */
  taskStatuses: Array<{ apiName: string; closed: boolean; isDefault?: boolean }>;
}

export const PERSON_ACCOUNT_FIELDS = ['Account.PersonEmail', 'Account.PersonMobilePhone', 'Account.PersonContactId', 'Account.IsPersonAccount'];

export const defaultOrgSettings = (): OrgSettings => ({
  historyTracked: new Set(['Case.Status', 'Order.Status']),
  personAccounts: false,
  hiddenFields: new Set(),
  taskStatuses: [
    { apiName: 'Not Started', closed: false, isDefault: true },
    { apiName: 'In Progress', closed: false },
    { apiName: 'Completed', closed: true },
    { apiName: 'Waiting on someone else', closed: false },
    { apiName: 'Deferred', closed: false },
  ],
});

/** The org's records, by object and by id. Queries read it; Task creation writes to it. */
export class SalesforceStore {
  constructor(readonly settings: OrgSettings = defaultOrgSettings()) {}

  /** Whether the connected user sees the field at all (person-account fields exist only when enabled). */
  visible(object: string, field: string): boolean {
    const key = `${object}.${field}`.toLowerCase();
    if (!this.settings.personAccounts && PERSON_ACCOUNT_FIELDS.some((f) => f.toLowerCase() === key)) return false;
    return ![...this.settings.hiddenFields].some((f) => f.toLowerCase() === key);
  }

  tracked(object: string, field: string): boolean {
    return [...this.settings.historyTracked].some((f) => f.toLowerCase() === `${object}.${field}`.toLowerCase());
  }

  private readonly byObject = new Map<string, SRecord[]>();
  private readonly byId = new Map<string, { object: string; record: SRecord }>();
  /**
   * Child records by parent id, per `object.field`, built on first use and kept up to date by insert, so a
   * child subquery over 2,000 parents does not scan every child once per parent. Lookup fields are never
   * changed in place (story controls change stages and statuses, not parents), so an index stays true.
   */
  private readonly childIndex = new Map<string, Map<string, SRecord[]>>();

  /** `object` must be a schema object's canonical name. */
  insert(object: string, record: SRecord): void {
    if (!findObject(object)) throw new Error(`No schema for ${object}`);
    // Field history exists only for tracked fields: a write elsewhere in the sandbox that would leave a
    // row for an untracked field leaves none, as in Salesforce.
    if ((object === 'CaseHistory' || object === 'OrderHistory') && typeof record.Field === 'string' && record.Field !== 'created') {
      if (!this.tracked(object.replace('History', ''), record.Field)) return;
    }
    const list = this.byObject.get(object) ?? [];
    list.push(record);
    this.byObject.set(object, list);
    this.byId.set(record.Id, { object, record });
    for (const [key, index] of this.childIndex) {
      const [indexed, field] = key.split('.') as [string, string];
      if (indexed === object) addTo(index, record[field], record);
    }
  }

  all(object: string): readonly SRecord[] {
    const generated = this.metadata(object);
    if (generated) return generated;
    return this.byObject.get(object) ?? [];
  }

  /**
   * Objects whose rows follow from the org's configuration rather than from data: the metadata objects
   * (EntityDefinition, FieldDefinition, with IsFieldHistoryTracked) and TaskStatus. Built on each read
   * so a setting changed during a test shows at once.
   */
  private metadata(object: string): SRecord[] | undefined {
    if (object === 'EntityDefinition') {
      return [...SCHEMA.values()].map((o) => ({ Id: entityId(o.name), DurableId: o.name, QualifiedApiName: o.name, Label: labelOf(o.name) }));
    }
    if (object === 'FieldDefinition') {
      return [...SCHEMA.values()].flatMap((o) =>
        [...o.fields.values()]
          .filter((f) => this.visible(o.name, f.name))
          .map((f) => ({
            Id: sfId('000', `field:${o.name}.${f.name}`),
            DurableId: `${o.name}.${f.name}`,
            QualifiedApiName: f.name,
            Label: labelOf(f.name),
            DataType: f.type,
            EntityDefinitionId: entityId(o.name),
            IsFieldHistoryTracked: this.tracked(o.name, f.name),
          })),
      );
    }
    if (object === 'TaskStatus') {
      return this.settings.taskStatuses.map((t, i) => ({
        Id: sfId('01J', `TaskStatus:${t.apiName}`), ApiName: t.apiName, MasterLabel: t.apiName, SortOrder: i + 1, IsClosed: t.closed,
        IsDefault: Boolean(t.isDefault), CreatedDate: 0, LastModifiedDate: 0, SystemModstamp: 0,
      }));
    }
    return undefined;
  }

  /** The `object` records whose lookup `field` holds `parentId`, in insertion order. */
  childrenOf(object: string, field: string, parentId: string): readonly SRecord[] {
    const key = `${object}.${field}`;
    let index = this.childIndex.get(key);
    if (!index) {
      index = new Map();
      for (const record of this.all(object)) addTo(index, record[field], record);
      this.childIndex.set(key, index);
    }
    return index.get(parentId) ?? [];
  }

  /** By 18-character id. */
  get(id: string): { object: string; record: SRecord } | undefined {
    const found = this.byId.get(id);
    if (found || !id.startsWith('000')) return found;
    const entity = this.metadata('EntityDefinition')!.find((e) => e.Id === id);
    return entity ? { object: 'EntityDefinition', record: entity } : undefined;
  }
}

const addTo = (index: Map<string, SRecord[]>, parentId: SValue | undefined, record: SRecord): void => {
  if (typeof parentId !== 'string') return;
  const list = index.get(parentId);
  if (list) list.push(record);
  else index.set(parentId, [record]);
};

const entityId = (name: string) => sfId('000', `entity:${name}`);

/** Salesforce-like labels from API names: `MobilePhone` → "Mobile Phone", `Region__c` → "Region". */
export const labelOf = (name: string): string => name.replace(/__c$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
