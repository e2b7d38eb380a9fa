import { findObject } from '../soql/schema';
import type { SValue } from '../soql/values';

export type SRecord = { Id: string } & Record<string, SValue>;

/** The org's records, by object and by id. Queries read it; Task creation writes to it. */
export class SalesforceStore {
  private readonly byObject = new Map<string, SRecord[]>();
  private readonly byId = new Map<string, { object: string; record: SRecord }>();

  /** `object` must be a schema object's canonical name. */
  insert(object: string, record: SRecord): void {
    if (!findObject(object)) throw new Error(`No schema for ${object}`);
    const list = this.byObject.get(object) ?? [];
    list.push(record);
    this.byObject.set(object, list);
    this.byId.set(record.Id, { object, record });
  }

  all(object: string): readonly SRecord[] {
    return this.byObject.get(object) ?? [];
  }

  /** By 18-character id. */
  get(id: string): { object: string; record: SRecord } | undefined {
    return this.byId.get(id);
  }
}
