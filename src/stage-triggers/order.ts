/**
 * "Order Reached Status": the Order object for the status engine (status.ts has the query shapes).
 * The recipient is the order's Bill-To Contact by default, or its Ship-To Contact; products come from
 * the order items' Product2 (SKU, else product code).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { dateTime, where } from '../salesforce/soql';
import { accountShape, contactPaths, contactRecipient, contactShape, isoDateTime, ownerOutput, ownerPaths, ownerShape, textOf } from './common';
import { pollStatusTrigger, type StatusObjectSpec } from './status';

export const ORDER_RECIPIENTS = ['bill_to', 'ship_to'] as const;
export type OrderRecipient = (typeof ORDER_RECIPIENTS)[number];

const contactFields = (relationship: 'BillToContact' | 'ShipToContact') => [`${relationship}Id`, ...contactPaths(relationship)];

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
  StatusCode: zod.string().nullish(),
  ActivatedDate: zod.string().nullish(),
  CreatedDate: zod.string().nullish(),
  Owner: ownerShape,
});

export const orderSpec: StatusObjectSpec<OrderRecipient, typeof order> = {
  sobject: 'Order',
  historyObject: 'OrderHistory',
  historyParentField: 'OrderId',
  noun: 'order',
  statusHelp: 'Salesforce’s order statuses',
  recipientChoices: ORDER_RECIPIENTS,
  defaultRecipient: 'bill_to',
  fields: ['Id', 'OrderNumber', 'Status', 'StatusCode', 'ActivatedDate', 'EffectiveDate', 'CreatedDate', 'Account.Name', 'LastModifiedDate', ...ownerPaths()],
  recipientFields: (choice) => contactFields(choice === 'ship_to' ? 'ShipToContact' : 'BillToContact'),
  // An Activated-category status is entered when the order is activated (ActivatedDate); a Draft one,
  // without history, only shows when the order was created. An order activated in 2024 and edited
  // today never fires.
  recordDates: (_status, since) => ({
    where: [
      where.any(
        where.all(where.eq('StatusCode', 'Activated'), where.gte('ActivatedDate', dateTime(since))),
        where.all(where.ne('StatusCode', 'Activated'), where.gte('CreatedDate', dateTime(since))),
      ),
    ],
    orderBy: [
      { field: 'ActivatedDate', direction: 'DESC', nulls: 'LAST' },
      { field: 'CreatedDate', direction: 'DESC' },
    ],
  }),
  lineItems: { object: 'OrderItem', parentField: 'OrderId' },
  record: order,
  recipient: (record, choice) =>
    choice === 'ship_to'
      ? contactRecipient('Ship To', 'ship-to contact', record.ShipToContactId, record.ShipToContact)
      : contactRecipient('Bill To', 'bill-to contact', record.BillToContactId, record.BillToContact),
  enteredAt: (record) => (record.StatusCode === 'Activated' && record.ActivatedDate ? isoDateTime(record.ActivatedDate) : isoDateTime(record.CreatedDate)),
  recordOutput: (record) => {
    const number = textOf(record.OrderNumber);
    return {
      name: number ? `Order ${number}` : '',
      record_number: number,
      order_number: number,
      effective_date: textOf(record.EffectiveDate),
      account_name: textOf(record.Account?.Name),
      reference_number: number,
      ...ownerOutput(record.Owner),
    };
  },
  hint: (failure) => {
    if (/'Order'/.test(failure.message)) return 'Orders may be turned off in this org: Setup → Order Settings → Enable Orders.';
    return undefined;
  },
};

export const pollOrderStatus = (z: ZObject, bundle: Bundle) => pollStatusTrigger(z, bundle, orderSpec);
