import { sfId } from '../ids';
import type { OutRecord, QueryResult } from '../soql/evaluate';

export type QueryPage = QueryResult & { nextRecordsUrl?: string };

/**
 * Rows of one child list returned inline with its parent. A longer list comes back with its own
 * `done: false` and `nextRecordsUrl` (jsforce PR https://github.com/jsforce/jsforce/pull/1752: 257
 * children arrived as 199 plus a locator; simple-salesforce issue
 * https://github.com/simple-salesforce/simple-salesforce/issues/311 shows a child locator).
 */
export const CHILD_BATCH = 200;

interface Cursor {
  records: OutRecord[];
  totalSize: number;
  /** Offsets where the pages start, ending with records.length. */
  starts: number[];
}

const isChildList = (value: unknown): value is { totalSize: number; done: boolean; records: OutRecord[] } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { records?: unknown }).records);

/**
 * Query locators: the rest of a result kept server-side, fetched a batch at a time via nextRecordsUrl.
 *
 * A batch holds at most `batchSize` records COUNTING CHILD ROWS: "Child objects count toward the
 * number of records for the batch size" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm).
 * So a query with subqueries returns far fewer parents per page than 2,000, and `done` is false when
 * more match (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm).
 */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  /** The first page of a result; keeps the rest under a new locator if there is more. */
  first(result: QueryResult, batchSize: number, version: string): QueryPage {
    const starts = [0];
    let cost = 0;
    result.records.forEach((record, i) => {
      const own = 1 + Object.values(record).reduce<number>((n, v) => n + (isChildList(v) ? Math.min(v.records.length, CHILD_BATCH) : 0), 0);
      if (i > starts[starts.length - 1]! && cost + own > batchSize) {
        starts.push(i);
        cost = 0;
      }
      cost += own;
    });
    starts.push(result.records.length);
    if (starts.length <= 2) return { totalSize: result.totalSize, done: true, records: result.records.map((r) => this.withChildPages(r, version)) };
    const locator = sfId('01g');
    this.cursors.set(locator, { records: result.records, totalSize: result.totalSize, starts });
    return this.page(locator, 0, version)!;
  }

  /** `undefined` for an unknown locator or an offset the locator never handed out. */
  page(locator: string, offset: number, version: string): QueryPage | undefined {
    const cursor = this.cursors.get(locator);
    if (!cursor) return undefined;
    const at = cursor.starts.indexOf(offset);
    if (at === -1 || (at === cursor.starts.length - 1 && offset > 0)) return undefined;
    const end = cursor.starts[at + 1] ?? cursor.records.length;
    const done = end >= cursor.records.length;
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${locator}-${end}` }),
      records: cursor.records.slice(offset, end).map((r) => this.withChildPages(r, version)),
    };
  }

  /** Cuts each long child list at CHILD_BATCH, keeping the rest under its own locator. */
  private withChildPages(record: OutRecord, version: string): OutRecord {
    const out: OutRecord = { ...record };
    for (const [key, value] of Object.entries(record)) {
      if (!isChildList(value) || value.records.length <= CHILD_BATCH) continue;
      const locator = sfId('01g');
      const starts: number[] = [];
      for (let i = 0; i < value.records.length; i += CHILD_BATCH) starts.push(i);
      starts.push(value.records.length);
      this.cursors.set(locator, { records: value.records, totalSize: value.totalSize, starts });
      out[key] = {
        totalSize: value.totalSize,
        done: false,
        nextRecordsUrl: `/services/data/${version}/query/${locator}-${CHILD_BATCH}`,
        records: value.records.slice(0, CHILD_BATCH),
      };
    }
    return out;
  }

  reset(): void {
    this.cursors.clear();
  }
}
