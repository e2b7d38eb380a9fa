import { findObject } from '../soql/schema';
import type { SValue } from '../soql/values';

export type SRecord = { Id: string } & Record<string, SValue>;

/** The org's records, by object and by id. Queries read it; Task creation writes to it. */
export class SalesforceStore {
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
    return this.byObject.get(object) ?? [];
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
    return this.byId.get(id);
  }
}

const addTo = (index: Map<string, SRecord[]>, parentId: SValue | undefined, record: SRecord): void => {
  if (typeof parentId !== 'string') return;
  const list = index.get(parentId);
  if (list) list.push(record);
  else index.set(parentId, [record]);
};
