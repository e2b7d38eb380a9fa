/**
 * A small describe of the objects the app reads and writes: field types, parent (lookup) relationships and
 * child relationships. The evaluator checks every name in a query against it, as Salesforce does.
 */

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea' // long text: Salesforce refuses it in WHERE and ORDER BY
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'anyType';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** For references: the relationship name used in paths (Account.Name) and the object(s) it can point to. */
  relationship?: { name: string; to: readonly string[] };
  /** Whether the REST API accepts it on create. */
  createable: boolean;
}

export interface ChildRelationship {
  name: string;
  object: string;
  field: string;
}

export interface SObjectSchema {
  name: string;
  keyPrefix: string;
  fields: ReadonlyMap<string, FieldDef>; // keyed by lower-case name
  parents: ReadonlyMap<string, FieldDef>; // keyed by lower-case relationship name
  children: ReadonlyMap<string, ChildRelationship>; // keyed by lower-case relationship name
}

type FieldSpec = FieldType | { ref: string; to: string | readonly string[] };
interface ObjectSpec {
  prefix: string;
  fields: Record<string, FieldSpec>;
  children?: Record<string, readonly [object: string, field: string]>;
  /** Fields the API accepts on create; only objects the sandbox can create list them. */
  createable?: readonly string[];
}

/** Fields every object has. Salesforce maintains them; nobody writes them. */
const AUDIT: Record<string, FieldSpec> = {
  Id: 'id',
  IsDeleted: 'boolean',
  CreatedDate: 'datetime',
  CreatedById: { ref: 'CreatedBy', to: 'User' },
  LastModifiedDate: 'datetime',
  LastModifiedById: { ref: 'LastModifiedBy', to: 'User' },
  SystemModstamp: 'datetime',
};
/** History rows are insert-only, so they have no LastModified fields. */
const HISTORY_AUDIT: Record<string, FieldSpec> = {
  Id: 'id',
  IsDeleted: 'boolean',
  CreatedDate: 'datetime',
  CreatedById: { ref: 'CreatedBy', to: 'User' },
};
const STATUS_FIELDS: Record<string, FieldSpec> = {
  Id: 'id',
  ApiName: 'string',
  MasterLabel: 'string',
  SortOrder: 'int',
  CreatedDate: 'datetime',
  LastModifiedDate: 'datetime',
  SystemModstamp: 'datetime',
};
const OWNED = { OwnerId: { ref: 'Owner', to: 'User' } } as const;
const TASK_TARGETS = ['Account', 'Opportunity', 'Order', 'Case'] as const;
const TASKS_OF = { Tasks: ['Task', 'WhatId'] } as const;

const SPECS: Record<string, ObjectSpec> = {
  Organization: {
    prefix: '00D',
    fields: { ...AUDIT, Name: 'string', InstanceName: 'string', OrganizationType: 'string', IsSandbox: 'boolean', TimeZoneSidKey: 'picklist', DefaultLocaleSidKey: 'picklist' },
  },
  User: {
    prefix: '005',
    fields: { ...AUDIT, Name: 'string', FirstName: 'string', LastName: 'string', Email: 'email', Username: 'string', IsActive: 'boolean' },
  },
  Account: {
    prefix: '001',
    fields: { ...AUDIT, ...OWNED, Name: 'string', Website: 'url', Industry: 'picklist', Phone: 'phone', BillingCity: 'string', BillingCountry: 'string', Description: 'textarea' },
    children: { Contacts: ['Contact', 'AccountId'], Opportunities: ['Opportunity', 'AccountId'], Orders: ['Order', 'AccountId'], Cases: ['Case', 'AccountId'], ...TASKS_OF },
  },
  Contact: {
    prefix: '003',
    fields: { ...AUDIT, ...OWNED, AccountId: { ref: 'Account', to: 'Account' }, FirstName: 'string', LastName: 'string', Name: 'string', Email: 'email', Phone: 'phone', MobilePhone: 'phone', MailingCity: 'string', MailingCountry: 'string', HasOptedOutOfEmail: 'boolean' },
    children: { Cases: ['Case', 'ContactId'], OpportunityContactRoles: ['OpportunityContactRole', 'ContactId'] },
  },
  Product2: {
    prefix: '01t',
    fields: { ...AUDIT, Name: 'string', ProductCode: 'string', StockKeepingUnit: 'string', Family: 'picklist', IsActive: 'boolean', Description: 'textarea' },
  },
  Opportunity: {
    prefix: '006',
    fields: {
      ...AUDIT, ...OWNED,
      Name: 'string', AccountId: { ref: 'Account', to: 'Account' }, StageName: 'picklist', Amount: 'currency', Probability: 'percent',
      CloseDate: 'date', IsClosed: 'boolean', IsWon: 'boolean', Type: 'picklist', LeadSource: 'picklist', ForecastCategoryName: 'picklist',
      LastStageChangeDate: 'datetime', LastActivityDate: 'date', Description: 'textarea', Region__c: 'picklist',
    },
    children: {
      OpportunityContactRoles: ['OpportunityContactRole', 'OpportunityId'],
      OpportunityLineItems: ['OpportunityLineItem', 'OpportunityId'],
      OpportunityHistories: ['OpportunityHistory', 'OpportunityId'],
      ...TASKS_OF,
    },
  },
  OpportunityContactRole: {
    prefix: '00K',
    fields: { ...AUDIT, OpportunityId: { ref: 'Opportunity', to: 'Opportunity' }, ContactId: { ref: 'Contact', to: 'Contact' }, Role: 'picklist', IsPrimary: 'boolean' },
  },
  OpportunityLineItem: {
    prefix: '00k',
    fields: {
      ...AUDIT, OpportunityId: { ref: 'Opportunity', to: 'Opportunity' }, Product2Id: { ref: 'Product2', to: 'Product2' },
      Name: 'string', ProductCode: 'string', Quantity: 'double', UnitPrice: 'currency', TotalPrice: 'currency', Description: 'string',
    },
  },
  OpportunityHistory: {
    prefix: '008',
    fields: {
      ...HISTORY_AUDIT, SystemModstamp: 'datetime', OpportunityId: { ref: 'Opportunity', to: 'Opportunity' }, StageName: 'picklist',
      Amount: 'currency', ExpectedRevenue: 'currency', CloseDate: 'date', Probability: 'percent', ForecastCategory: 'picklist',
      PrevAmount: 'currency', PrevCloseDate: 'date',
    },
  },
  OpportunityStage: {
    prefix: '01J',
    fields: { ...STATUS_FIELDS, IsActive: 'boolean', IsClosed: 'boolean', IsWon: 'boolean', DefaultProbability: 'percent', ForecastCategory: 'picklist', ForecastCategoryName: 'picklist', Description: 'string' },
  },
  Order: {
    prefix: '801',
    fields: {
      ...AUDIT, ...OWNED,
      OrderNumber: 'string', Name: 'string', AccountId: { ref: 'Account', to: 'Account' }, Status: 'picklist', StatusCode: 'picklist',
      EffectiveDate: 'date', EndDate: 'date', ActivatedDate: 'datetime', ActivatedById: { ref: 'ActivatedBy', to: 'User' },
      BillToContactId: { ref: 'BillToContact', to: 'Contact' }, ShipToContactId: { ref: 'ShipToContact', to: 'Contact' },
      OpportunityId: { ref: 'Opportunity', to: 'Opportunity' }, TotalAmount: 'currency', Type: 'picklist', Description: 'textarea',
    },
    children: { OrderItems: ['OrderItem', 'OrderId'], Histories: ['OrderHistory', 'OrderId'], ...TASKS_OF },
  },
  OrderItem: {
    prefix: '802',
    fields: {
      ...AUDIT, OrderId: { ref: 'Order', to: 'Order' }, Product2Id: { ref: 'Product2', to: 'Product2' }, OrderItemNumber: 'string',
      Quantity: 'double', UnitPrice: 'currency', TotalPrice: 'currency', Description: 'string',
    },
  },
  OrderHistory: {
    prefix: '017',
    fields: { ...HISTORY_AUDIT, OrderId: { ref: 'Order', to: 'Order' }, Field: 'picklist', DataType: 'picklist', OldValue: 'anyType', NewValue: 'anyType' },
  },
  OrderStatus: {
    prefix: '01J',
    fields: { ...STATUS_FIELDS, StatusCode: 'picklist', IsDefault: 'boolean' },
  },
  Case: {
    prefix: '500',
    fields: {
      ...AUDIT, ...OWNED,
      CaseNumber: 'string', Subject: 'string', Description: 'textarea', Status: 'picklist', IsClosed: 'boolean', ClosedDate: 'datetime',
      Origin: 'picklist', Priority: 'picklist', Type: 'picklist', ContactId: { ref: 'Contact', to: 'Contact' }, AccountId: { ref: 'Account', to: 'Account' },
      ContactEmail: 'email', ContactPhone: 'phone', SuppliedEmail: 'email', SuppliedName: 'string', SuppliedPhone: 'string', SuppliedCompany: 'string',
    },
    children: { Histories: ['CaseHistory', 'CaseId'], ...TASKS_OF },
  },
  CaseHistory: {
    prefix: '017',
    fields: { ...HISTORY_AUDIT, CaseId: { ref: 'Case', to: 'Case' }, Field: 'picklist', DataType: 'picklist', OldValue: 'anyType', NewValue: 'anyType' },
  },
  CaseStatus: {
    prefix: '01J',
    fields: { ...STATUS_FIELDS, IsClosed: 'boolean', IsDefault: 'boolean' },
  },
  Task: {
    prefix: '00T',
    fields: {
      ...AUDIT, ...OWNED,
      WhatId: { ref: 'What', to: TASK_TARGETS }, WhoId: { ref: 'Who', to: ['Contact'] }, Subject: 'string', Description: 'textarea',
      Status: 'picklist', Priority: 'picklist', ActivityDate: 'date', TaskSubtype: 'picklist', Type: 'picklist', IsClosed: 'boolean',
    },
    createable: ['OwnerId', 'WhatId', 'WhoId', 'Subject', 'Description', 'Status', 'Priority', 'ActivityDate', 'TaskSubtype', 'Type'],
  },
};

const build = (name: string, spec: ObjectSpec): SObjectSchema => {
  const fields = new Map<string, FieldDef>();
  const parents = new Map<string, FieldDef>();
  const createable = new Set(spec.createable ?? []);
  for (const [fieldName, f] of Object.entries(spec.fields)) {
    const def: FieldDef =
      typeof f === 'string'
        ? { name: fieldName, type: f, createable: createable.has(fieldName) }
        : {
            name: fieldName,
            type: 'reference',
            relationship: { name: f.ref, to: typeof f.to === 'string' ? [f.to] : f.to },
            createable: createable.has(fieldName),
          };
    if (fieldName === 'Id') def.type = 'id';
    fields.set(fieldName.toLowerCase(), def);
    if (def.relationship) parents.set(def.relationship.name.toLowerCase(), def);
  }
  const children = new Map<string, ChildRelationship>();
  for (const [rel, [object, field]] of Object.entries(spec.children ?? {})) {
    children.set(rel.toLowerCase(), { name: rel, object, field });
  }
  return { name, keyPrefix: spec.prefix, fields, parents, children };
};

export const SCHEMA: ReadonlyMap<string, SObjectSchema> = new Map(
  Object.entries(SPECS).map(([name, spec]) => [name.toLowerCase(), build(name, spec)]),
);

export const findObject = (name: string): SObjectSchema | undefined => SCHEMA.get(name.toLowerCase());

