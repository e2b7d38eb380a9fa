/**
 * Volume for benchmarks and load tests: N records that entered a stage or status recently, each shaped
 * like the seed's (an account, contacts, contact roles or bill-to/ship-to contacts, line items with
 * products, and the history rows Salesforce writes), so the triggers' one query meets realistic data.
 *
 * Entries are spread back from "now" (default one every 30 s), newest first, so 2,000 of them fit well
 * inside the triggers' 7-day window. Ids are random, as records created while the sandbox runs are.
 */
import { sfId } from '../ids';
import type { SalesforceStore, SRecord } from '../salesforce/store';
import { CASE_STATUSES, ORDER_STATUSES, STAGES } from './salesforce';
import { SALESFORCE as F } from './facts';

export interface BulkOptions {
  /** Time between consecutive entries, newest first ending one step before now. Default 30 000 ms. */
  spacingMs?: number;
}

export interface BulkResult {
  /** The parent records (Opportunity, Order or Case ids), newest entry first. */
  recordIds: string[];
  /** The history row of each entry into the stage or status, in the same order. */
  entryIds: string[];
}

const DAY_MS = 86_400_000;
/** Ids hashed from a run-unique name: as unique as random ones, and much cheaper than 50,000 randomBytes calls. */
const RUN = Math.random().toString(36).slice(2);
let sequence = 0;
const newId = (keyPrefix: string): string => sfId(keyPrefix, `bulk:${RUN}:${sequence++}`);
const FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Noor', 'Kai', 'Jamie', 'Lea', 'Mateo', 'Aiko', 'Femi'];
const LAST_NAMES = ['Morgan', 'Rivera', 'Nakamura', 'Okafor', 'Lindqvist', 'Haddad', 'Novak', 'Silva', 'Berg', 'Duarte'];
const PRODUCTS = Object.values(F.products);
const PRICES = [349, 189, 229, 59];

/** A path through the picklist that ends in `target`, without repeating a value back to back. */
const pathTo = (steps: string[], target: string): string[] => {
  const at = steps.indexOf(target);
  return at === -1 ? [...steps, target] : steps.slice(0, at + 1);
};

class BulkWriter {
  private readonly owner = F.users.owner.id;
  private accountId = '';

  constructor(
    private readonly store: SalesforceStore,
    private readonly now: number,
    private readonly spacingMs: number,
  ) {}

  enteredAt(i: number): number {
    return this.now - (i + 1) * this.spacingMs;
  }

  audit(created: number, modified = created) {
    return { IsDeleted: false, CreatedDate: created, CreatedById: this.owner, LastModifiedDate: modified, LastModifiedById: this.owner, SystemModstamp: modified };
  }

  /** One account per ten records, as a B2B org has several deals per customer. */
  account(i: number, created: number): string {
    if (i % 10 === 0 || !this.accountId) {
      this.accountId = newId('001');
      const k = this.store.all('Account').length;
      this.store.insert('Account', {
        Id: this.accountId, Name: `Bulk Customer ${k}`, OwnerId: this.owner, Website: `https://customer${k}.example`, Industry: 'Retail',
        Phone: null, BillingCity: 'Denver', BillingCountry: 'United States', Description: null, ...this.audit(created),
      });
    }
    return this.accountId;
  }

  contact(accountId: string, i: number, k: number, created: number): string {
    const id = newId('003');
    const first = FIRST_NAMES[(i + k) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 3 + k) % LAST_NAMES.length]!;
    this.store.insert('Contact', {
      Id: id, AccountId: accountId, FirstName: first, LastName: last, Name: `${first} ${last}`,
      Email: `${first}.${last}+${i}-${k}@customer.example`.toLowerCase(), Phone: null, MailingCity: null, MailingCountry: null,
      HasOptedOutOfEmail: false, OwnerId: this.owner, ...this.audit(created),
    });
    return id;
  }

  /** Two line items (opportunity or order), rotating through the seed's products. */
  items(object: 'OpportunityLineItem' | 'OrderItem', parentField: string, parentId: string, i: number, created: number, name: string): void {
    for (let k = 0; k < 2; k++) {
      const p = (i + k) % PRODUCTS.length;
      const product = PRODUCTS[p]!;
      const quantity = 1 + ((i + k) % 12);
      const line: SRecord = {
        Id: sfId(object === 'OrderItem' ? '802' : '00k'), [parentField]: parentId, Product2Id: product.id, Quantity: quantity,
        UnitPrice: PRICES[p]!, TotalPrice: quantity * PRICES[p]!, Description: null, ...this.audit(created),
      };
      if (object === 'OrderItem') line.OrderItemNumber = String(this.store.all('OrderItem').length + 1).padStart(10, '0');
      else Object.assign(line, { Name: `${name} ${product.name}`, ProductCode: product.productCode });
      this.store.insert(object, line);
    }
  }

  /** Field history as Field History Tracking writes it: a "created" row, then one row per Status change. */
  fieldHistory(object: 'OrderHistory' | 'CaseHistory', parentField: string, parentId: string, statuses: string[], times: number[]): string {
    this.store.insert(object, {
      Id: newId('017'), [parentField]: parentId, Field: 'created', DataType: 'Text', OldValue: null, NewValue: null,
      IsDeleted: false, CreatedDate: times[0]!, CreatedById: this.owner,
    });
    let last = '';
    for (let k = 1; k < statuses.length; k++) {
      last = newId('017');
      this.store.insert(object, {
        Id: last, [parentField]: parentId, Field: 'Status', DataType: 'DynamicEnum', OldValue: statuses[k - 1]!, NewValue: statuses[k]!,
        IsDeleted: false, CreatedDate: times[k]!, CreatedById: this.owner,
      });
    }
    return last;
  }
}

/** Times for a path whose last step is `entered`: one day apart before it. */
const timesFor = (path: readonly string[], entered: number): number[] => path.map((_, k) => entered - (path.length - 1 - k) * DAY_MS);

export const addOpportunitiesInStage = (store: SalesforceStore, now: number, n: number, stage: string, options: BulkOptions = {}): BulkResult => {
  const info = STAGES[stage];
  if (!info) throw new Error(`No stage "${stage}" in the sandbox org`);
  const w = new BulkWriter(store, now, options.spacingMs ?? 30_000);
  const result: BulkResult = { recordIds: [], entryIds: [] };
  for (let i = 0; i < n; i++) {
    const entered = w.enteredAt(i);
    const stages = pathTo(['Prospecting', 'Negotiation/Review'], stage);
    const times = timesFor(stages, entered);
    const created = times[0]!;
    const accountId = w.account(i, created);
    const id = newId('006');
    const name = `Bulk Customer – Order ${i}`;
    const amount = 250 + (i % 40) * 125;
    const closeDate = new Date(info.closed ? entered : now + 30 * DAY_MS).toISOString().slice(0, 10);
    store.insert('Opportunity', {
      Id: id, Name: name, AccountId: accountId, StageName: stage, Amount: amount, Probability: info.probability, CloseDate: closeDate,
      IsClosed: info.closed, IsWon: info.won, Type: 'New Customer', LeadSource: 'Web', ForecastCategoryName: info.forecast,
      LastStageChangeDate: entered, LastActivityDate: null, Description: null, Region__c: i % 2 ? 'EMEA' : 'NA', OwnerId: F.users.owner.id,
      ...w.audit(created, entered),
    });
    let entryId = '';
    stages.forEach((s, k) => {
      const st = STAGES[s]!;
      entryId = newId('008');
      store.insert('OpportunityHistory', {
        Id: entryId, OpportunityId: id, StageName: s, Amount: amount, CloseDate: closeDate, Probability: st.probability,
        ForecastCategory: st.forecast, ExpectedRevenue: (amount * st.probability) / 100, PrevAmount: k === 0 ? null : amount, PrevCloseDate: null,
        IsDeleted: false, CreatedDate: times[k]!, CreatedById: F.users.owner.id, SystemModstamp: times[k]!,
      });
    });
    [['Decision Maker', true], ['Evaluator', false]].forEach(([role, primary], k) => {
      store.insert('OpportunityContactRole', {
        Id: newId('00K'), OpportunityId: id, ContactId: w.contact(accountId, i, k, created), Role: role as string, IsPrimary: primary as boolean,
        ...w.audit(created),
      });
    });
    w.items('OpportunityLineItem', 'OpportunityId', id, i, created, name);
    result.recordIds.push(id);
    result.entryIds.push(entryId);
  }
  return result;
};

export const addOrdersInStatus = (store: SalesforceStore, now: number, n: number, status: string, options: BulkOptions = {}): BulkResult => {
  if (!ORDER_STATUSES[status]) throw new Error(`No order status "${status}" in the sandbox org`);
  const w = new BulkWriter(store, now, options.spacingMs ?? 30_000);
  const result: BulkResult = { recordIds: [], entryIds: [] };
  for (let i = 0; i < n; i++) {
    const statuses = pathTo(['Draft', 'Activated'], status);
    const times = timesFor(statuses, w.enteredAt(i));
    const created = times[0]!;
    const activatedAt = times.find((_, k) => ORDER_STATUSES[statuses[k]!] === 'Activated') ?? null;
    const accountId = w.account(i, created);
    const contactId = w.contact(accountId, i, 0, created);
    const id = newId('801');
    const orderNumber = String(200_000 + store.all('Order').length).padStart(8, '0');
    store.insert('Order', {
      Id: id, OrderNumber: orderNumber, Name: null, AccountId: accountId, Status: status, StatusCode: ORDER_STATUSES[status]!,
      EffectiveDate: new Date(created).toISOString().slice(0, 10), EndDate: null, ActivatedDate: activatedAt,
      ActivatedById: activatedAt === null ? null : F.users.owner.id, BillToContactId: contactId, ShipToContactId: contactId, OpportunityId: null,
      TotalAmount: 0, Type: null, Description: null, OwnerId: F.users.owner.id, ...w.audit(created, times[times.length - 1]!),
    });
    w.items('OrderItem', 'OrderId', id, i, created, orderNumber);
    result.recordIds.push(id);
    result.entryIds.push(w.fieldHistory('OrderHistory', 'OrderId', id, statuses, times));
  }
  return result;
};

export const addCasesInStatus = (store: SalesforceStore, now: number, n: number, status: string, options: BulkOptions = {}): BulkResult => {
  if (CASE_STATUSES[status] === undefined) throw new Error(`No case status "${status}" in the sandbox org`);
  const w = new BulkWriter(store, now, options.spacingMs ?? 30_000);
  const result: BulkResult = { recordIds: [], entryIds: [] };
  for (let i = 0; i < n; i++) {
    const statuses = pathTo(['New', 'Working'], status);
    const times = timesFor(statuses, w.enteredAt(i));
    const created = times[0]!;
    const closed = CASE_STATUSES[status]!;
    const accountId = w.account(i, created);
    const contactId = w.contact(accountId, i, 0, created);
    const contact = store.get(contactId)!.record;
    const id = newId('500');
    store.insert('Case', {
      Id: id, CaseNumber: String(20_000 + store.all('Case').length).padStart(8, '0'), Subject: `Question about order ${i}`, Description: null,
      Status: status, IsClosed: closed, ClosedDate: closed ? times[times.length - 1]! : null, Origin: i % 3 ? 'Email' : 'Web', Priority: 'Medium',
      Type: 'Question', ContactId: contactId, AccountId: accountId, ContactEmail: contact.Email ?? null, ContactPhone: null,
      SuppliedEmail: contact.Email ?? null, SuppliedName: contact.Name ?? null, SuppliedPhone: null, SuppliedCompany: null,
      OwnerId: F.users.owner.id, ...w.audit(created, times[times.length - 1]!),
    });
    result.recordIds.push(id);
    result.entryIds.push(w.fieldHistory('CaseHistory', 'CaseId', id, statuses, times));
  }
  return result;
};
