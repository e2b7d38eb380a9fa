import { sfId } from '../ids';
import type { OutRecord, QueryResult } from '../soql/evaluate';

export type QueryPage = QueryResult & { nextRecordsUrl?: string };

/** Query locators: the rest of a result kept server-side, fetched a batch at a time via nextRecordsUrl. */
export class QueryCursors {
  private readonly cursors = new Map<string, { records: OutRecord[]; totalSize: number; batchSize: number }>();

  /** The first page of a result; keeps the rest under a new locator if there is more. */
  first(result: QueryResult, batchSize: number, version: string): QueryPage {
    if (result.records.length <= batchSize) return result;
    const locator = sfId('01g');
    this.cursors.set(locator, { records: result.records, totalSize: result.totalSize, batchSize });
    return this.page(locator, 0, version)!;
  }

  /** `undefined` for an unknown locator or an offset the locator never handed out. */
  page(locator: string, offset: number, version: string): QueryPage | undefined {
    const cursor = this.cursors.get(locator);
    if (!cursor || offset % cursor.batchSize !== 0 || offset >= cursor.records.length) return undefined;
    const end = offset + cursor.batchSize;
    const done = end >= cursor.records.length;
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${locator}-${end}` }),
      records: cursor.records.slice(offset, end),
    };
  }

  reset(): void {
    this.cursors.clear();
  }
}
