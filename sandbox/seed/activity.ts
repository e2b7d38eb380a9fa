/**
 * Day-to-day activity in the org at explicit times, for scenario tests and the busy-week benchmark:
 * records are created, move between stages and statuses, get edited, gain line items. Each write leaves
 * what Salesforce would leave: modstamps, OpportunityHistory rows (always written for Stage, Amount,
 * Probability and Close Date changes), CaseHistory/OrderHistory rows only when the org tracks Status
 * (the store's settings), ClosedDate on closing a case, ActivatedDate and StatusCode on activating an order.
 */
import { sfId } from '../ids';
import type { SalesforceStore, SRecord } from '../salesforce/store';
import { SALESFORCE as F } from './facts';
import { CASE_STATUSES, ORDER_STATUSES, STAGES } from './salesforce';

const RUN = Math.random().toString(36).slice(2);
let sequence = 0;
const newId = (prefix: string) => sfId(prefix, `activity:${RUN}:${sequence++}`);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class OrgActivity {
  private readonly owner = F.users.owner.id;
  private accountId = '';
  private accounts = 0;
  private products: string[] = [];

  constructor(private readonly store: SalesforceStore) {}

  private audit(at: number) {
    return { IsDeleted: false, CreatedDate: at, CreatedById: this.owner, LastModifiedDate: at, LastModifiedById: this.owner, SystemModstamp: at };
  }

  private record(id: string, object: string): SRecord {
    const found = this.store.get(id);
    if (!found || found.object !== object) throw new Error(`No ${object} ${id} in the sandbox`);
    return found.record;
  }

  private touch(record: SRecord, at: number): void {
    record.LastModifiedDate = at;
    record.SystemModstamp = at;
  }

  /** An account (one per ten records) and a contact with phone, mobile and mailing country. */
  contact(at: number): { accountId: string; contactId: string } {
    if (this.accounts++ % 10 === 0 || !this.accountId) {
      this.accountId = newId('001');
      this.store.insert('Account', {
        Id: this.accountId, Name: `Busy Customer ${this.accounts}`, OwnerId: this.owner, Website: null, Industry: 'Retail', Phone: null,
        BillingCity: 'Leeds', BillingCountry: 'United Kingdom', Description: null, ...this.audit(at),
      });
    }
    const n = sequence;
    const contactId = newId('003');
    this.store.insert('Contact', {
      Id: contactId, AccountId: this.accountId, FirstName: 'Robin', LastName: `Lindqvist ${n}`, Name: `Robin Lindqvist ${n}`,
      Email: `robin.lindqvist.${n}@customer.example`, Phone: '+44 113 496 0000', MobilePhone: '+44 7700 900123', MailingCity: 'Leeds',
      MailingCountry: 'United Kingdom', HasOptedOutOfEmail: false, OwnerId: this.owner, ...this.audit(at),
    });
    return { accountId: this.accountId, contactId };
  }

  /** A person account (B2C): the person's email and mobile sit on the account; needs person accounts enabled. */
  personAccount(at: number, email: string): string {
    const id = newId('001');
    this.store.insert('Account', {
      Id: id, Name: 'Noor Haddad', OwnerId: this.owner, Website: null, Industry: null, Phone: null, BillingCity: null, BillingCountry: 'Germany',
      Description: null, IsPersonAccount: true, PersonEmail: email, PersonMobilePhone: '+49 1512 3456789', PersonContactId: null, ...this.audit(at),
    });
    return id;
  }

  // --- Cases -----------------------------------------------------------------------------------------

  newCase(at: number, status = 'New'): string {
    const { accountId, contactId } = this.contact(at);
    const contact = this.store.get(contactId)!.record;
    const id = newId('500');
    const closed = CASE_STATUSES[status];
    if (closed === undefined) throw new Error(`No case status "${status}" in the sandbox org`);
    this.store.insert('Case', {
      Id: id, CaseNumber: String(30_000 + this.store.all('Case').length).padStart(8, '0'), Subject: `Question ${sequence}`, Description: null,
      Status: status, IsClosed: closed, ClosedDate: closed ? at : null, Origin: 'Web', Priority: 'Medium', Type: 'Question', ContactId: contactId,
      AccountId: accountId, ContactEmail: contact.Email ?? null, ContactPhone: contact.Phone ?? null, SuppliedEmail: contact.Email ?? null,
      SuppliedName: contact.Name ?? null, SuppliedPhone: '+44 113 496 0999', SuppliedCompany: null, OwnerId: this.owner, ...this.audit(at),
    });
    this.fieldHistory('CaseHistory', 'CaseId', id, 'created', null, null, at);
    return id;
  }

  setCaseStatus(id: string, status: string, at: number): void {
    const kase = this.record(id, 'Case');
    const closed = CASE_STATUSES[status];
    if (closed === undefined) throw new Error(`No case status "${status}" in the sandbox org`);
    const old = typeof kase.Status === 'string' ? kase.Status : null;
    if (old === status) return;
    Object.assign(kase, { Status: status, IsClosed: closed, ClosedDate: closed ? (kase.IsClosed ? kase.ClosedDate : at) : null });
    this.touch(kase, at);
    this.fieldHistory('CaseHistory', 'CaseId', id, 'Status', old, status, at);
  }

  // --- Orders ----------------------------------------------------------------------------------------

  newOrder(at: number, skus = 2): string {
    const { accountId, contactId } = this.contact(at);
    const id = newId('801');
    this.store.insert('Order', {
      Id: id, OrderNumber: String(300_000 + this.store.all('Order').length).padStart(8, '0'), Name: null, AccountId: accountId, Status: 'Draft',
      StatusCode: 'Draft', EffectiveDate: day(at), EndDate: null, ActivatedDate: null, ActivatedById: null, BillToContactId: contactId,
      ShipToContactId: contactId, OpportunityId: null, TotalAmount: 0, Type: null, Description: null, OwnerId: this.owner, ...this.audit(at),
    });
    this.fieldHistory('OrderHistory', 'OrderId', id, 'created', null, null, at);
    this.addLineItems(id, skus, at);
    return id;
  }

  setOrderStatus(id: string, status: string, at: number): void {
    const order = this.record(id, 'Order');
    const code = ORDER_STATUSES[status];
    if (!code) throw new Error(`No order status "${status}" in the sandbox org`);
    const old = typeof order.Status === 'string' ? order.Status : null;
    if (old === status) return;
    const activating = code === 'Activated' && order.StatusCode !== 'Activated';
    Object.assign(order, {
      Status: status,
      StatusCode: code,
      ...(activating ? { ActivatedDate: at, ActivatedById: this.owner } : {}),
      ...(code === 'Draft' ? { ActivatedDate: null, ActivatedById: null } : {}),
    });
    this.touch(order, at);
    this.fieldHistory('OrderHistory', 'OrderId', id, 'Status', old, status, at);
  }

  /** `n` line items, each with its own product and SKU (so all n SKUs are distinct). */
  addLineItems(parentId: string, n: number, at: number): string[] {
    const found = this.store.get(parentId);
    if (!found) throw new Error(`No record ${parentId}`);
    const skus: string[] = [];
    for (let k = 0; k < n; k++) {
      const product = this.product(k, at);
      const sku = this.store.get(product)!.record.StockKeepingUnit as string;
      skus.push(sku);
      if (found.object === 'Order') {
        this.store.insert('OrderItem', {
          Id: newId('802'), OrderId: parentId, Product2Id: product, OrderItemNumber: String(k + 1).padStart(10, '0'), Quantity: 1,
          UnitPrice: 10, TotalPrice: 10, Description: null, ...this.audit(at),
        });
      } else {
        this.store.insert('OpportunityLineItem', {
          Id: newId('00k'), OpportunityId: parentId, Product2Id: product, Name: `Line ${k + 1}`, ProductCode: sku, Quantity: 1, UnitPrice: 10,
          TotalPrice: 10, Description: null, ...this.audit(at),
        });
      }
    }
    return skus;
  }

  private product(k: number, at: number): string {
    while (this.products.length <= k) {
      const n = this.products.length + 1;
      const id = newId('01t');
      this.store.insert('Product2', {
        Id: id, Name: `Trail part ${n}`, ProductCode: `PC-${n}`, StockKeepingUnit: `SKU-${String(n).padStart(4, '0')}`, Family: 'Outdoor',
        IsActive: true, Description: null, ...this.audit(at),
      });
      this.products.push(id);
    }
    return this.products[k]!;
  }

  // --- Opportunities ---------------------------------------------------------------------------------

  newOpportunity(at: number, stage = 'Prospecting', options: { accountId?: string; contactRole?: boolean; amount?: number } = {}): string {
    const id = newId('006');
    const info = STAGES[stage]!;
    let accountId = options.accountId;
    let contactId: string | undefined;
    if (!accountId) ({ accountId, contactId } = this.contact(at));
    this.store.insert('Opportunity', {
      Id: id, Name: `Deal ${sequence}`, AccountId: accountId, StageName: stage, Amount: options.amount ?? 1000, Probability: info.probability,
      CloseDate: day(at + 30 * 86_400_000), IsClosed: info.closed, IsWon: info.won, Type: 'New Customer', LeadSource: 'Web',
      ForecastCategoryName: info.forecast, LastStageChangeDate: at, LastActivityDate: null, Description: null, Region__c: null,
      OwnerId: this.owner, ...this.audit(at),
    });
    if (contactId && options.contactRole !== false) {
      this.store.insert('OpportunityContactRole', {
        Id: newId('00K'), OpportunityId: id, ContactId: contactId, Role: 'Decision Maker', IsPrimary: true, ...this.audit(at),
      });
    }
    this.opportunityHistory(id, at);
    return id;
  }

  setStage(id: string, stage: string, at: number): void {
    const opportunity = this.record(id, 'Opportunity');
    const info = STAGES[stage];
    if (!info) throw new Error(`No stage "${stage}" in the sandbox org`);
    if (opportunity.StageName === stage) return;
    Object.assign(opportunity, {
      StageName: stage, Probability: info.probability, ForecastCategoryName: info.forecast, IsClosed: info.closed, IsWon: info.won,
      LastStageChangeDate: at, ...(info.closed ? { CloseDate: day(at) } : {}),
    });
    this.touch(opportunity, at);
    this.opportunityHistory(id, at);
  }

  /** An Amount change: Salesforce writes an OpportunityHistory row carrying the unchanged stage. */
  setAmount(id: string, amount: number, at: number): void {
    const opportunity = this.record(id, 'Opportunity');
    opportunity.Amount = amount;
    this.touch(opportunity, at);
    this.opportunityHistory(id, at);
  }

  /** A record's current value (for simulations that decide the next move from the current state). */
  field(id: string, name: string): unknown {
    return this.store.get(id)?.record[name];
  }

  /** An edit that changes no tracked field (a note, an address fix): only the modstamps move. */
  edit(id: string, at: number): void {
    const found = this.store.get(id);
    if (!found) throw new Error(`No record ${id}`);
    this.touch(found.record, at);
  }

  private opportunityHistory(id: string, at: number): void {
    const o = this.record(id, 'Opportunity');
    const probability = typeof o.Probability === 'number' ? o.Probability : 0;
    this.store.insert('OpportunityHistory', {
      Id: newId('008'), OpportunityId: id, StageName: o.StageName ?? null, Amount: o.Amount ?? null, CloseDate: o.CloseDate ?? null,
      Probability: probability, ForecastCategory: o.ForecastCategoryName ?? null,
      ExpectedRevenue: typeof o.Amount === 'number' ? (o.Amount * probability) / 100 : null, PrevAmount: null, PrevCloseDate: null,
      IsDeleted: false, CreatedDate: at, CreatedById: this.owner, SystemModstamp: at,
    });
  }

  /** A field-history row, written only when the org tracks the field (the "created" row needs any tracking). */
  private fieldHistory(object: 'CaseHistory' | 'OrderHistory', parentField: string, parentId: string, field: string, oldValue: string | null, newValue: string | null, at: number): void {
    const parent = object === 'CaseHistory' ? 'Case' : 'Order';
    if (field === 'created' ? ![...this.store.settings.historyTracked].some((f) => f.startsWith(`${parent}.`)) : !this.store.tracked(parent, field)) return;
    this.store.insert(object, {
      Id: newId('017'), [parentField]: parentId, Field: field, DataType: field === 'created' ? 'Text' : 'DynamicEnum', OldValue: oldValue,
      NewValue: newValue, IsDeleted: false, CreatedDate: at, CreatedById: this.owner,
    });
  }
}
