import { DAY_MS, HOUR_MS } from '../clock';
import { sfId } from '../ids';
import type { SalesforceStore, SRecord } from '../salesforce/store';
import type { SValue } from '../soql/values';
import { SALESFORCE as F } from './facts';

/**
 * The org's story, relative to "now": records move through stages, and every move leaves the history row
 * Salesforce would have written, so that current fields and history always agree.
 */

type Ago = { days: number; hours?: number };

export const STAGES: Record<string, { probability: number; forecast: string; closed: boolean; won: boolean }> = {
  Prospecting: { probability: 10, forecast: 'Pipeline', closed: false, won: false },
  Qualification: { probability: 10, forecast: 'Pipeline', closed: false, won: false },
  'Needs Analysis': { probability: 20, forecast: 'Pipeline', closed: false, won: false },
  'Value Proposition': { probability: 50, forecast: 'Pipeline', closed: false, won: false },
  'Id. Decision Makers': { probability: 60, forecast: 'Pipeline', closed: false, won: false },
  'Perception Analysis': { probability: 70, forecast: 'Pipeline', closed: false, won: false },
  'Proposal/Price Quote': { probability: 75, forecast: 'Pipeline', closed: false, won: false },
  'Negotiation/Review': { probability: 90, forecast: 'Pipeline', closed: false, won: false },
  'Closed Won': { probability: 100, forecast: 'Closed', closed: true, won: true },
  'Closed Lost': { probability: 0, forecast: 'Omitted', closed: true, won: false },
};
/**
 * OrderStatus.StatusCode has only Draft and Activated (object reference, sforce_api_objects_orderstatus.htm), so an org's
 * "Cancelled" is a custom status in one of them; this org files it under Draft.
 */
export const ORDER_STATUSES: Record<string, 'Draft' | 'Activated'> = { Draft: 'Draft', Activated: 'Activated', Shipped: 'Activated', Cancelled: 'Draft' };
export const CASE_STATUSES: Record<string, boolean> = { New: false, Working: false, Escalated: false, Closed: true };

export const seedSalesforce = (store: SalesforceStore, now: number): void => {
  const at = ({ days, hours = 0 }: Ago) => now - days * DAY_MS - hours * HOUR_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const owner = F.users.owner.id;
  const audit = (created: number, modified = created) => ({
    IsDeleted: false,
    CreatedDate: created,
    CreatedById: owner,
    LastModifiedDate: modified,
    LastModifiedById: owner,
    SystemModstamp: modified,
  });
  const insert = (object: string, record: SRecord) => store.insert(object, record);
  const setup = at({ days: 400 });

  insert('Organization', {
    Id: F.org.id, Name: F.org.name, InstanceName: 'USA846', OrganizationType: 'Enterprise Edition', IsSandbox: false,
    TimeZoneSidKey: 'GMT', DefaultLocaleSidKey: 'en_US', ...audit(setup),
  });
  for (const [key, user] of Object.entries(F.users)) {
    const [first, ...rest] = user.name.split(' ');
    insert('User', {
      Id: user.id, Name: user.name, FirstName: first!, LastName: rest.join(' '), Email: `${key}@acme-outdoor.example`,
      Username: `${key}@acme-outdoor.example.crm`, IsActive: true, ...audit(setup),
    });
  }

  const statusRow = (object: string, name: string, i: number, extra: Record<string, SValue>) =>
    insert(object, { Id: sfId('01J', `${object}:${name}`), ApiName: name, MasterLabel: name, SortOrder: i + 1, ...extra, CreatedDate: setup, LastModifiedDate: setup, SystemModstamp: setup });
  Object.entries(STAGES).forEach(([name, s], i) =>
    statusRow('OpportunityStage', name, i, {
      IsActive: true, IsClosed: s.closed, IsWon: s.won, DefaultProbability: s.probability, ForecastCategory: s.forecast,
      ForecastCategoryName: s.forecast === 'Closed' ? 'Closed' : s.forecast === 'Omitted' ? 'Omitted' : 'Pipeline', Description: null,
    }),
  );
  Object.entries(ORDER_STATUSES).forEach(([name, code], i) => statusRow('OrderStatus', name, i, { StatusCode: code, IsDefault: name === 'Draft' }));
  Object.entries(CASE_STATUSES).forEach(([name, closed], i) => statusRow('CaseStatus', name, i, { IsClosed: closed, IsDefault: name === 'New' }));

  const accountInfo = {
    alpine: { Website: 'https://alpinetrail.example', Industry: 'Retail', BillingCity: 'Denver', BillingCountry: 'United States' },
    riverbend: { Website: 'https://riverbend.example', Industry: 'Recreation', BillingCity: 'Portland', BillingCountry: 'United States' },
    northwind: { Website: 'https://northwind.example', Industry: 'Retail', BillingCity: 'Leeds', BillingCountry: 'United Kingdom' },
  };
  for (const [key, a] of Object.entries(F.accounts)) {
    insert('Account', { Id: a.id, Name: a.name, OwnerId: owner, Phone: null, Description: null, ...accountInfo[key as keyof typeof accountInfo], ...audit(at({ days: 200 })) });
  }
  const contactAccount: Record<keyof typeof F.contacts, string> = {
    maya: F.accounts.alpine.id, jonas: F.accounts.alpine.id, priya: F.accounts.alpine.id,
    tom: F.accounts.riverbend.id, elena: F.accounts.northwind.id, sam: F.accounts.northwind.id,
  };
  // Phone numbers from the ranges reserved for fiction (US 555-01xx, UK 07700 900xxx).
  const reach: Record<keyof typeof F.contacts, Record<string, SValue>> = {
    maya: { Phone: '+1 303 555 0142', MobilePhone: '+1 720 555 0199', MailingCity: 'Denver', MailingCountry: 'United States' },
    jonas: { Phone: '+1 303 555 0143', MobilePhone: null, MailingCity: 'Denver', MailingCountry: 'United States' },
    priya: { Phone: null, MobilePhone: '+1 720 555 0175', MailingCity: 'Boulder', MailingCountry: 'United States' },
    tom: { Phone: '+1 503 555 0110', MobilePhone: '+1 503 555 0111', MailingCity: 'Portland', MailingCountry: 'United States' },
    elena: { Phone: null, MobilePhone: '+44 7700 900461', MailingCity: 'Leeds', MailingCountry: 'United Kingdom' },
    sam: { Phone: '+44 113 496 0123', MobilePhone: null, MailingCity: 'Leeds', MailingCountry: 'United Kingdom' },
  };
  for (const [key, c] of Object.entries(F.contacts)) {
    const [first, ...rest] = c.name.split(' ');
    insert('Contact', {
      Id: c.id, AccountId: contactAccount[key as keyof typeof F.contacts], FirstName: first!, LastName: rest.join(' '), Name: c.name,
      Email: c.email, ...reach[key as keyof typeof F.contacts], HasOptedOutOfEmail: false, OwnerId: owner, ...audit(at({ days: 150 })),
    });
  }
  for (const p of Object.values(F.products)) {
    insert('Product2', {
      Id: p.id, Name: p.name, ProductCode: p.productCode, StockKeepingUnit: p.sku, Family: 'Outdoor', IsActive: true,
      Description: null, ...audit(at({ days: 300 })),
    });
  }
  const price = { tent: 349, backpack: 189, jacket: 229, stove: 59 } as const;
  type ProductKey = keyof typeof price;

  const opportunity = (
    key: keyof typeof F.opportunities,
    o: {
      account: keyof typeof F.accounts;
      amount: number | null;
      region: string | null;
      stages: [stage: string, when: Ago][];
      roles?: [contact: keyof typeof F.contacts, role: string, primary: boolean][];
      items?: [product: ProductKey, quantity: number][];
    },
  ) => {
    const { id, name } = F.opportunities[key];
    const times = o.stages.map(([, when]) => at(when));
    const created = times[0]!;
    const last = times[times.length - 1]!;
    const stageName = o.stages[o.stages.length - 1]![0];
    const stage = STAGES[stageName]!;
    const closeDate = stage.closed ? day(last) : day(now + 30 * DAY_MS);
    insert('Opportunity', {
      Id: id, Name: name, AccountId: F.accounts[o.account].id, StageName: stageName, Amount: o.amount, Probability: stage.probability,
      CloseDate: closeDate, IsClosed: stage.closed, IsWon: stage.won, Type: 'New Customer', LeadSource: 'Web',
      ForecastCategoryName: stage.forecast, LastStageChangeDate: last, LastActivityDate: null, Description: null, Region__c: o.region,
      OwnerId: owner, ...audit(created, last),
    });
    o.stages.forEach(([s], i) => {
      const st = STAGES[s]!;
      const t = times[i]!;
      insert('OpportunityHistory', {
        Id: sfId('008', `${key}:${i}`), OpportunityId: id, StageName: s, Amount: o.amount, CloseDate: st.closed ? day(t) : closeDate,
        Probability: st.probability, ForecastCategory: st.forecast, ExpectedRevenue: o.amount === null ? null : (o.amount * st.probability) / 100,
        PrevAmount: i === 0 ? null : o.amount, PrevCloseDate: null, IsDeleted: false, CreatedDate: t, CreatedById: owner, SystemModstamp: t,
      });
    });
    (o.roles ?? []).forEach(([contact, role, primary], i) =>
      insert('OpportunityContactRole', {
        Id: sfId('00K', `${key}:${i}`), OpportunityId: id, ContactId: F.contacts[contact].id, Role: role, IsPrimary: primary, ...audit(created),
      }),
    );
    (o.items ?? []).forEach(([product, quantity], i) => {
      const p = F.products[product];
      insert('OpportunityLineItem', {
        Id: sfId('00k', `${key}:${i}`), OpportunityId: id, Product2Id: p.id, Name: `${name} ${p.name}`, ProductCode: p.productCode,
        Quantity: quantity, UnitPrice: price[product], TotalPrice: quantity * price[product], Description: null, ...audit(created),
      });
    });
  };

  opportunity('closedWon', {
    account: 'alpine', amount: 7968, region: 'EMEA',
    stages: [['Prospecting', { days: 21 }], ['Proposal/Price Quote', { days: 10 }], ['Negotiation/Review', { days: 5 }], ['Closed Won', { days: 2 }]],
    roles: [['maya', 'Decision Maker', true], ['jonas', 'Evaluator', false]],
    items: [['tent', 12], ['backpack', 20]],
  });
  opportunity('reclosed', {
    account: 'riverbend', amount: 5496, region: 'NA',
    stages: [['Qualification', { days: 30 }], ['Negotiation/Review', { days: 9 }], ['Closed Won', { days: 6 }], ['Negotiation/Review', { days: 4 }], ['Closed Won', { days: 1 }]],
    roles: [['tom', 'Economic Buyer', true]],
    items: [['jacket', 24]],
  });
  opportunity('noContactRole', {
    account: 'northwind', amount: 1180, region: 'NA',
    stages: [['Prospecting', { days: 14 }], ['Closed Won', { days: 3 }]],
    items: [['stove', 20]],
  });
  opportunity('negotiation', {
    account: 'alpine', amount: 12400, region: 'EMEA',
    stages: [['Prospecting', { days: 12 }], ['Negotiation/Review', { days: 1 }]],
    roles: [['priya', 'Decision Maker', true]],
    // The demo closes this one: a SKU'd product and one with only a ProductCode show both sources.
    items: [['tent', 4], ['stove', 6]],
  });
  opportunity('closedLost', {
    account: 'northwind', amount: 3200, region: 'EMEA',
    stages: [['Prospecting', { days: 25 }], ['Proposal/Price Quote', { days: 15 }], ['Closed Lost', { days: 8 }]],
    roles: [['elena', 'Decision Maker', true]],
  });
  opportunity('prospecting', {
    account: 'riverbend', amount: null, region: null,
    stages: [['Prospecting', { days: 3 }]],
  });

  const order = (
    key: keyof typeof F.orders,
    o: {
      account: keyof typeof F.accounts;
      billTo: keyof typeof F.contacts | null;
      shipTo: keyof typeof F.contacts | null;
      statuses: [status: string, when: Ago][];
      items: [product: ProductKey, quantity: number][];
      opportunity?: keyof typeof F.opportunities;
    },
  ) => {
    const { id, orderNumber } = F.orders[key];
    const times = o.statuses.map(([, when]) => at(when));
    const status = o.statuses[o.statuses.length - 1]![0];
    const activatedAt = times.find((_, i) => ORDER_STATUSES[o.statuses[i]![0]] === 'Activated') ?? null;
    const total = o.items.reduce((sum, [p, q]) => sum + price[p] * q, 0);
    insert('Order', {
      Id: id, OrderNumber: orderNumber, Name: null, AccountId: F.accounts[o.account].id, Status: status, StatusCode: ORDER_STATUSES[status]!,
      EffectiveDate: day(times[0]!), EndDate: null, ActivatedDate: activatedAt, ActivatedById: activatedAt === null ? null : owner,
      BillToContactId: o.billTo && F.contacts[o.billTo].id, ShipToContactId: o.shipTo && F.contacts[o.shipTo].id,
      OpportunityId: o.opportunity ? F.opportunities[o.opportunity].id : null, TotalAmount: total, Type: null, Description: null,
      OwnerId: owner, ...audit(times[0]!, times[times.length - 1]!),
    });
    o.items.forEach(([product, quantity], i) =>
      insert('OrderItem', {
        Id: sfId('802', `${key}:${i}`), OrderId: id, Product2Id: F.products[product].id, OrderItemNumber: `${orderNumber.slice(3)}${i + 1}`.padStart(10, '0'),
        Quantity: quantity, UnitPrice: price[product], TotalPrice: quantity * price[product], Description: null, ...audit(times[0]!),
      }),
    );
    history('OrderHistory', 'OrderId', key, id, o.statuses.map(([s]) => s), times);
  };

  /** Field history: a "created" row, then one "Status" row per change, as Field History Tracking writes them. */
  const history = (object: string, parentField: string, key: string, parentId: string, statuses: string[], times: number[]) => {
    insert(object, {
      Id: sfId('017', `${object}:${key}:created`), [parentField]: parentId, Field: 'created', DataType: 'Text', OldValue: null, NewValue: null,
      IsDeleted: false, CreatedDate: times[0]!, CreatedById: owner,
    });
    for (let i = 1; i < statuses.length; i++) {
      insert(object, {
        Id: sfId('017', `${object}:${key}:${i}`), [parentField]: parentId, Field: 'Status', DataType: 'DynamicEnum',
        OldValue: statuses[i - 1]!, NewValue: statuses[i]!, IsDeleted: false, CreatedDate: times[i]!, CreatedById: owner,
      });
    }
  };

  order('activated', {
    account: 'alpine', billTo: 'maya', shipTo: 'jonas', opportunity: 'closedWon',
    statuses: [['Draft', { days: 2 }], ['Activated', { days: 1 }]],
    items: [['tent', 12], ['backpack', 20]],
  });
  order('noBillTo', {
    account: 'riverbend', billTo: null, shipTo: 'tom',
    statuses: [['Draft', { days: 4 }], ['Activated', { days: 3 }]],
    items: [['jacket', 24]],
  });
  order('draft', {
    account: 'northwind', billTo: 'elena', shipTo: 'elena',
    statuses: [['Draft', { days: 2 }]],
    items: [['stove', 20]],
  });
  order('shipped', {
    account: 'northwind', billTo: 'sam', shipTo: 'sam',
    statuses: [['Draft', { days: 6 }], ['Activated', { days: 5 }], ['Shipped', { days: 1 }]],
    items: [['backpack', 4], ['stove', 2]],
  });

  const kase = (
    key: keyof typeof F.cases,
    c: {
      contact?: keyof typeof F.contacts;
      supplied?: { name: string; email: string };
      subject: string;
      origin: string;
      statuses: [status: string, when: Ago][];
    },
  ) => {
    const { id, caseNumber } = F.cases[key];
    const times = c.statuses.map(([, when]) => at(when));
    const status = c.statuses[c.statuses.length - 1]![0];
    const closed = CASE_STATUSES[status]!;
    const contact = c.contact ? F.contacts[c.contact] : undefined;
    insert('Case', {
      Id: id, CaseNumber: caseNumber, Subject: c.subject, Description: null, Status: status, IsClosed: closed,
      ClosedDate: closed ? times[times.length - 1]! : null, Origin: c.origin, Priority: 'Medium', Type: 'Problem',
      ContactId: contact?.id ?? null, AccountId: c.contact ? contactAccount[c.contact] : null, ContactEmail: contact?.email ?? null, ContactPhone: null,
      SuppliedEmail: c.supplied?.email ?? null, SuppliedName: c.supplied?.name ?? null, SuppliedPhone: null, SuppliedCompany: null,
      OwnerId: owner, ...audit(times[0]!, times[times.length - 1]!),
    });
    history('CaseHistory', 'CaseId', key, id, c.statuses.map(([s]) => s), times);
  };

  kase('closedWithContact', {
    contact: 'maya', subject: 'Tent pole cracked on first use', origin: 'Phone',
    statuses: [['New', { days: 5 }], ['Working', { days: 3 }], ['Closed', { days: 1 }]],
  });
  kase('webToCase', {
    supplied: F.webCustomer, subject: 'Where is my backpack order?', origin: 'Web',
    statuses: [['New', { days: 4 }], ['Working', { days: 3 }], ['Closed', { days: 2 }]],
  });
  kase('working', {
    contact: 'tom', subject: 'Jacket sizing exchange', origin: 'Email',
    statuses: [['New', { days: 2 }], ['Working', { days: 1 }]],
  });
  kase('reclosed', {
    contact: 'priya', subject: 'Invoice shows wrong shipping address', origin: 'Email',
    statuses: [['New', { days: 7 }], ['Closed', { days: 4 }], ['Working', { days: 3 }], ['Closed', { hours: 12, days: 0 }]],
  });
};
