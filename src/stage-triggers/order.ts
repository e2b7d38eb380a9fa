/**
 * "Order Reached Status": the Order object for the status engine (status.ts has the query shapes).
 * The recipient is the order's Bill-To Contact by default, or its Ship-To Contact; products come from
 * the order items' Product2 (SKU, else product code).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { accountShape, children, contactRecipient, contactShape, isoDateTime, lineItemShape, productSkus, textOf } from './common';
import { pollStatusTrigger, type StatusObjectSpec } from './status';

export const ORDER_RECIPIENTS = ['bill_to', 'ship_to'] as const;
export type OrderRecipient = (typeof ORDER_RECIPIENTS)[number];

const contactFields = (relationship: 'BillToContact' | 'ShipToContact') => [
  `${relationship}Id`,
  `${relationship}.Email`,
  `${relationship}.FirstName`,
  `${relationship}.LastName`,
  `${relationship}.Name`,
];

const order = zod.looseObject({
  Id: zod.string(),
  OrderNumber: zod.string().nullish(),
  Status: zod.string().nullish(),
  EffectiveDate: zod.string().nullish(),
  LastModifiedDate: zod.string().nullish(),
  Account: accountShape,
  BillToContactId: zod.string().nullish(),
  BillToContact: contactShape,
  ShipToContactId: zod.string().nullish(),
  ShipToContact: contactShape,
  OrderItems: children(lineItemShape),
});

export const orderSpec: StatusObjectSpec<OrderRecipient, typeof order> = {
  sobject: 'Order',
  historyObject: 'OrderHistory',
  historyParentField: 'OrderId',
  noun: 'order',
  statusHelp: 'Salesforce’s order statuses',
  recipientChoices: ORDER_RECIPIENTS,
  defaultRecipient: 'bill_to',
  fields: ['Id', 'OrderNumber', 'Status', 'EffectiveDate', 'Account.Name', 'LastModifiedDate', 'SystemModstamp'],
  recipientFields: (choice) => contactFields(choice === 'ship_to' ? 'ShipToContact' : 'BillToContact'),
  childQueries: [{ select: ['Product2.StockKeepingUnit', 'Product2.ProductCode'], from: 'OrderItems' }],
  record: order,
  recipient: (record, choice) =>
    choice === 'ship_to'
      ? contactRecipient('Ship To', 'ship-to contact', record.ShipToContactId, record.ShipToContact)
      : contactRecipient('Bill To', 'bill-to contact', record.BillToContactId, record.BillToContact),
  fallbackEnteredAt: (record) => isoDateTime(record.LastModifiedDate),
  recordOutput: (record) => {
    const number = textOf(record.OrderNumber);
    return {
      name: number ? `Order ${number}` : '',
      record_number: number,
      order_number: number,
      effective_date: textOf(record.EffectiveDate),
      account_name: textOf(record.Account?.Name),
      reference_number: number,
      product_skus: productSkus(record.OrderItems?.records),
    };
  },
  hint: (failure, history) => {
    if (history && /OrderHistory|Histories/i.test(failure.message)) {
      return 'Turn on Field History Tracking for the Order Status field (Setup → Object Manager → Order → Fields & Relationships → Set History Tracking), or set Status History Tracking to No.';
    }
    if (/'Order'/.test(failure.message)) return 'Orders may be turned off in this org: Setup → Order Settings → Enable Orders.';
    return undefined;
  },
};

export const pollOrderStatus = (z: ZObject, bundle: Bundle) => pollStatusTrigger(z, bundle, orderSpec);
