import { base64Key, hexId, hexSecret, sfId, token } from '../ids';

/**
 * The seed's key facts, in one place: tests and the demo import these instead of copying ids and secrets.
 * Everything here is derived from fixed names, so it is the same on every run.
 */

const tp = (name: string) => hexId(`trustpilot:${name}`);

export const TRUSTPILOT = {
  apiKey: token(32, 'trustpilot:api-key'),
  apiSecret: token(16, 'trustpilot:api-secret'),
  businessUnit: {
    id: tp('business-unit'),
    domain: 'acme-outdoor.example',
    displayName: 'Acme Outdoor Gear',
    websiteUrl: 'https://www.acme-outdoor.example',
  },
  /** Admin role: allowed to act for the business unit with a client-credentials token. */
  businessUser: { id: tp('business-user:dana'), name: 'Dana Reyes' },
  /** Editor role: invitations and replies on this user's behalf are refused (403, errorCode 1014). */
  editorUser: { id: tp('business-user:chris'), name: 'Chris Patel' },
  templates: {
    standard: tp('template:standard'),
    standardGerman: tp('template:standard-de'),
    custom: tp('template:custom-after-purchase'),
  },
  reviews: {
    /** 5 stars, referenceId = order 00000101, no reply yet. */
    orderDelighted: tp('review:order-101'),
    /** 4 stars, referenceId = the re-closed Opportunity's id, answered. */
    opportunityAnswered: tp('review:opp-reclosed'),
    /** 2 stars about the case 00001026, no reply yet. */
    caseUnhappy: tp('review:case-1026'),
    germanOneStar: tp('review:de-one-star'),
    danishFiveStar: tp('review:da-five-star'),
    orderMixed: tp('review:order-102'),
    frenchWithLocation: tp('review:fr-location'),
    oldAnswered: tp('review:old-answered'),
  },
  productReviews: {
    /** The tent; has a conversation with one business comment. */
    tentWithConversation: tp('product-review:tent'),
    backpack: tp('product-review:backpack'),
    /** The stove; state underModeration, so hidden by the default state filter. */
    stoveUnderModeration: tp('product-review:stove'),
  },
  conversationId: tp('conversation:tent'),
} as const;

const sf = (prefix: string, name: string) => sfId(prefix, name);

export const SALESFORCE = {
  clientId: `3MVG9${token(80, 'salesforce:client-id')}`,
  clientSecret: hexSecret(64, 'salesforce:client-secret'),
  /** The My Domain the demo pretends to be; the sandbox itself answers on loopback. */
  myDomain: 'acme-outdoor-gear.my.salesforce.com',
  org: { id: sf('00D', 'org'), name: 'Acme Outdoor Gear' },
  users: {
    integration: { id: sf('005', 'integration'), name: 'Zapier Integration' },
    owner: { id: sf('005', 'dana'), name: 'Dana Reyes' },
  },
  accounts: {
    alpine: { id: sf('001', 'alpine'), name: 'Alpine Trail Outfitters' },
    riverbend: { id: sf('001', 'riverbend'), name: 'Riverbend Cycling Club' },
    northwind: { id: sf('001', 'northwind'), name: 'Northwind Camping Co.' },
  },
  contacts: {
    maya: { id: sf('003', 'maya'), name: 'Maya Lindqvist', email: 'maya.lindqvist@alpinetrail.example' },
    jonas: { id: sf('003', 'jonas'), name: 'Jonas Berg', email: 'jonas.berg@alpinetrail.example' },
    priya: { id: sf('003', 'priya'), name: 'Priya Raman', email: 'priya.raman@alpinetrail.example' },
    tom: { id: sf('003', 'tom'), name: 'Tom Okafor', email: 'tom.okafor@riverbend.example' },
    elena: { id: sf('003', 'elena'), name: 'Elena García', email: 'elena.garcia@northwind.example' },
    sam: { id: sf('003', 'sam'), name: 'Sam Whitfield', email: 'sam.whitfield@northwind.example' },
  },
  /** A web-to-case customer with no Contact record: only SuppliedEmail and SuppliedName. */
  webCustomer: { name: 'Lena Hoffmann', email: 'lena.hoffmann@example.net' },
  products: {
    tent: { id: sf('01t', 'tent'), name: 'TrailLite 2 Tent', productCode: 'TL2-TENT', sku: 'TL2-TENT-GRN' },
    backpack: { id: sf('01t', 'backpack'), name: 'Summit 45L Backpack', productCode: 'SUM45', sku: 'SUM45-BP-BLU' },
    jacket: { id: sf('01t', 'jacket'), name: 'Ridge Down Jacket', productCode: 'RDJ', sku: 'RDJ-M-BLK' },
    /** Has a ProductCode but no StockKeepingUnit. */
    stove: { id: sf('01t', 'stove'), name: 'Camp Stove Mini', productCode: 'CSM-100', sku: null },
  },
  opportunities: {
    /** Closed Won 2 days ago; primary contact role (Maya) plus a second role; tent + backpack. */
    closedWon: { id: sf('006', 'closed-won'), name: 'Alpine Trail – Spring Tent Order' },
    /** Closed Won 6 days ago, back to Negotiation/Review 4 days ago, Closed Won again 1 day ago. */
    reclosed: { id: sf('006', 'reclosed'), name: 'Riverbend – Team Jackets' },
    /** Closed Won 3 days ago, no contact roles at all. */
    noContactRole: { id: sf('006', 'no-contact-role'), name: 'Northwind – Stove Bundle' },
    /** In Negotiation/Review since yesterday; primary contact Priya; tents and stoves. The demo moves it to Closed Won. */
    negotiation: { id: sf('006', 'negotiation'), name: 'Alpine Trail – Winter Restock' },
    closedLost: { id: sf('006', 'closed-lost'), name: 'Northwind – Group Camping Kit' },
    /** Prospecting, no Amount, no Region__c. */
    prospecting: { id: sf('006', 'prospecting'), name: 'Riverbend – Summer Backpacks' },
  },
  orders: {
    /** Activated yesterday; bill-to Maya, ship-to Jonas; tent + backpack. */
    activated: { id: sf('801', 'activated'), orderNumber: '00000101' },
    /** Activated 3 days ago; ship-to Tom but no bill-to contact. */
    noBillTo: { id: sf('801', 'no-bill-to'), orderNumber: '00000102' },
    /** Still Draft. */
    draft: { id: sf('801', 'draft'), orderNumber: '00000103' },
    /** Activated 5 days ago, status moved on to Shipped (an Activated-category status) yesterday. */
    shipped: { id: sf('801', 'shipped'), orderNumber: '00000104' },
  },
  cases: {
    /** Closed yesterday; contact Maya. */
    closedWithContact: { id: sf('500', 'closed-contact'), caseNumber: '00001026' },
    /** Web-to-case, Closed 2 days ago: no ContactId, only SuppliedEmail/SuppliedName. */
    webToCase: { id: sf('500', 'web-to-case'), caseNumber: '00001027' },
    /** Still Working; contact Tom. */
    working: { id: sf('500', 'working'), caseNumber: '00001028' },
    /** Closed 4 days ago, reopened, closed again 12 hours ago; contact Priya. */
    reclosed: { id: sf('500', 'reclosed'), caseNumber: '00001029' },
  },
} as const;

/** Business Generated Link keys (each base64 of 32 bytes), for the app's `authData_bgl_*` fields. */
export const BGL = {
  encryptionKey: base64Key('bgl:encryption'),
  authenticationKey: base64Key('bgl:authentication'),
} as const;

export const SEED = { trustpilot: TRUSTPILOT, salesforce: SALESFORCE, bgl: BGL } as const;
