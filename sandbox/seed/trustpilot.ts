import { DAY_MS, HOUR_MS } from '../clock';
import { hexId } from '../ids';
import { tpTime, type ProductReview, type ServiceReview, type TrustpilotData } from '../trustpilot/model';
import { SALESFORCE as SF, TRUSTPILOT as F } from './facts';

/**
 * Reviews that tie back to the Salesforce story: referenceIds name seeded orders, opportunities and cases,
 * and referralEmails are the seeded contacts' addresses.
 */
export const seedTrustpilot = (now: number): TrustpilotData => {
  const ago = (days: number, hours = 0) => tpTime(now - days * DAY_MS - hours * HOUR_MS);
  const bu = F.businessUnit;
  const dana = F.businessUser;
  const consumer = (name: string, displayLocation: string | null, numberOfReviews = 1) => ({
    id: hexId(`trustpilot:consumer:${name}`),
    displayName: name,
    displayLocation,
    numberOfReviews,
  });
  const reply = (text: string, days: number) => ({
    text,
    authorBusinessUserId: dana.id,
    authorBusinessUserName: dana.name,
    createdAt: ago(days),
    updatedAt: null,
  });
  const review = (r: Omit<ServiceReview, 'businessUnitId' | 'numberOfLikes' | 'updatedAt' | 'experiencedAt'> & { experiencedDaysAgo?: number }): ServiceReview => {
    const { experiencedDaysAgo, ...rest } = r;
    return {
      businessUnitId: bu.id,
      numberOfLikes: 0,
      updatedAt: r.companyReply ? r.companyReply.createdAt : null,
      experiencedAt: experiencedDaysAgo === undefined ? null : ago(experiencedDaysAgo),
      ...rest,
    };
  };

  const reviews: ServiceReview[] = [
    review({
      id: F.reviews.orderDelighted, stars: 5, language: 'en', createdAt: ago(1, 2),
      title: 'Tent arrived early and pitched in minutes',
      text: 'Ordered twelve TrailLite tents for our spring courses. They arrived a day early, and the first one was up in under five minutes.',
      consumer: consumer('Maya Lindqvist', 'Denver, US', 4), referralEmail: SF.contacts.maya.email, referenceId: SF.orders.activated.orderNumber,
      source: 'InvitationApi', isVerified: true, location: null, companyReply: null, tags: [{ group: 'generic', value: 'spring-tents' }],
      experiencedDaysAgo: 2,
    }),
    review({
      id: F.reviews.opportunityAnswered, stars: 4, language: 'en', createdAt: ago(3),
      title: 'Great jackets, slow quote',
      text: 'The team jackets are warm and well made. Getting the final quote took a few rounds, but the result was worth it.',
      consumer: consumer('Tom Okafor', 'Portland, US', 2), referralEmail: SF.contacts.tom.email, referenceId: SF.opportunities.reclosed.id,
      source: 'InvitationApi', isVerified: true, location: null, tags: [{ group: 'generic', value: 'team-orders' }],
      companyReply: reply('Thanks, Tom! We have simplified our quoting for club orders since.', 2),
    }),
    review({
      id: F.reviews.caseUnhappy, stars: 2, language: 'en', createdAt: ago(2, 5),
      title: 'Pole cracked, support was slow',
      text: 'A tent pole cracked the first time we used it. Support sent a replacement, but it took three days to hear back.',
      consumer: consumer('Maya L.', 'Denver, US', 4), referralEmail: SF.contacts.maya.email, referenceId: SF.cases.closedWithContact.caseNumber,
      source: 'InvitationApi', isVerified: true, location: null, companyReply: null, tags: [{ group: 'generic', value: 'support' }],
    }),
    review({
      id: F.reviews.germanOneStar, stars: 1, language: 'de', createdAt: ago(6),
      title: 'Lieferung kam beschädigt an',
      text: 'Der Karton war aufgerissen und der Rucksack hatte einen Riss. Sehr enttäuschend.',
      consumer: consumer('Jürgen Wolff', 'München, DE'), referralEmail: null, referenceId: null,
      source: 'Organic', isVerified: false, location: null, tags: [],
      companyReply: reply('Das tut uns leid, Jürgen. Bitte schreiben Sie uns, wir ersetzen den Rucksack.', 5),
    }),
    review({
      id: F.reviews.danishFiveStar, stars: 5, language: 'da', createdAt: ago(9),
      title: 'Fantastisk service',
      text: 'Hurtig levering og god rådgivning om soveposer.',
      consumer: consumer('Mette Holm', 'Aarhus, DK'), referralEmail: null, referenceId: null,
      source: 'Organic', isVerified: false, location: null, companyReply: null, tags: [],
    }),
    review({
      id: F.reviews.orderMixed, stars: 3, language: 'en', createdAt: ago(12),
      title: 'Good jackets, one size off',
      text: 'Most jackets fit; two of the mediums ran small and we had to exchange them.',
      consumer: consumer('Tom Okafor', 'Portland, US', 2), referralEmail: SF.contacts.tom.email, referenceId: SF.orders.noBillTo.orderNumber,
      source: 'AFS', isVerified: true, location: null, tags: [{ group: 'generic', value: 'sizing' }],
      companyReply: reply('Thanks for the feedback, Tom. Our size guide now says the Ridge runs small.', 11),
    }),
    review({
      id: F.reviews.frenchWithLocation, stars: 4, language: 'fr', createdAt: ago(20),
      title: 'Boutique très agréable',
      text: 'Personnel compétent et bons conseils pour notre randonnée dans les Alpes.',
      consumer: consumer('Camille Martin', 'Paris, FR'), referralEmail: 'camille.martin@example.fr', referenceId: 'POS-88412',
      source: 'InvitationApi', isVerified: true, companyReply: null, tags: [],
      location: { id: '3f1c9a7e-52b4-4d0a-9d61-8b2e4f7c1a05', name: 'Acme Outdoor Paris', urlFormattedName: 'acme-outdoor-paris', externalId: 'PAR-01' },
    }),
    review({
      id: F.reviews.oldAnswered, stars: 3, language: 'en', createdAt: ago(40),
      title: 'Decent stove, loud',
      text: 'Boils water fast, but it is louder than I expected.',
      consumer: consumer('Ravi Shah', 'Leeds, GB'), referralEmail: null, referenceId: null,
      source: 'Organic', isVerified: false, location: null, tags: [],
      companyReply: reply('Thanks, Ravi. The Mini trades a little noise for weight; the Pro model is quieter.', 39),
    }),
  ];

  const product = (key: keyof typeof SF.products, sku: string, slug: string) => ({
    id: hexId(`trustpilot:product:${key}`),
    productUrl: `https://www.acme-outdoor.example/products/${slug}`,
    productImages: [`https://cdn.acme-outdoor.example/images/${slug}.jpg`],
    name: SF.products[key].name,
    sku,
    gtin: null,
    mpn: null,
    brand: 'Acme Outdoor',
  });
  const productReview = (r: Omit<ProductReview, 'businessUnitId' | 'updatedAt' | 'redirectUri' | 'hasModerationHistory' | 'locale'> & { locale?: string }): ProductReview => ({
    businessUnitId: bu.id,
    updatedAt: null,
    redirectUri: null,
    hasModerationHistory: r.state !== 'published',
    locale: 'en-US',
    ...r,
  });
  const tentReviewer = { id: hexId('trustpilot:consumer:Maya Lindqvist'), email: SF.contacts.maya.email, name: SF.contacts.maya.name };
  const productReviews: ProductReview[] = [
    productReview({
      id: F.productReviews.tentWithConversation, createdAt: ago(1), stars: 5, language: 'en', state: 'published',
      content: 'Survived a night of gusts on the ridge without a flap. Light enough for long approaches.',
      product: product('tent', SF.products.tent.sku, 'traillite-2-tent'), consumer: tentReviewer,
      referenceId: SF.orders.activated.orderNumber, conversationId: F.conversationId,
    }),
    productReview({
      id: F.productReviews.backpack, createdAt: ago(1, 3), stars: 4, language: 'en', state: 'published',
      content: 'Comfortable hip belt. I wish the side pockets were a little deeper.',
      product: product('backpack', SF.products.backpack.sku, 'summit-45l-backpack'),
      consumer: { id: hexId('trustpilot:consumer:Jonas Berg'), email: SF.contacts.jonas.email, name: SF.contacts.jonas.name },
      referenceId: SF.orders.activated.orderNumber, conversationId: null,
    }),
    productReview({
      id: F.productReviews.stoveUnderModeration, createdAt: ago(4), stars: 3, language: 'en', state: 'underModeration',
      content: 'Works, but the simmer control is fiddly with gloves on.',
      // The stove has no StockKeepingUnit in Salesforce; the catalog uses its ProductCode as the SKU.
      product: product('stove', SF.products.stove.productCode, 'camp-stove-mini'),
      consumer: { id: hexId('trustpilot:consumer:Sam Whitfield'), email: SF.contacts.sam.email, name: SF.contacts.sam.name },
      referenceId: SF.orders.shipped.orderNumber, conversationId: null,
    }),
  ];

  const stars = reviews.reduce((sum, r) => sum + r.stars, 0) / reviews.length;
  return {
    businessUnits: [
      {
        id: bu.id,
        displayName: bu.displayName,
        name: { identifying: bu.domain, referring: [bu.domain, `www.${bu.domain}`] },
        websiteUrl: bu.websiteUrl,
        country: 'US',
        status: 'active',
        badFit: false,
        score: { trustScore: Math.round(stars * 10) / 10, stars: Math.round(stars * 2) / 2 },
      },
    ],
    businessUsers: [
      { id: dana.id, name: dana.name, businessUnitId: bu.id, role: 'Admin' },
      { id: F.editorUser.id, name: F.editorUser.name, businessUnitId: bu.id, role: 'Editor' },
    ],
    templates: new Map([
      [
        bu.id,
        [
          { id: F.templates.standard, name: 'Default service review invitation', isDefaultTemplate: true, locale: 'en-US', type: 'Standard' as const },
          { id: F.templates.standardGerman, name: 'Standard-Einladung', isDefaultTemplate: false, locale: 'de-DE', type: 'Standard' as const },
          { id: F.templates.custom, name: 'After purchase – outdoor gear', isDefaultTemplate: false, locale: 'en-US', type: 'Custom' as const },
        ],
      ],
    ]),
    reviews,
    productReviews,
    conversations: new Map([
      [
        F.conversationId,
        {
          id: F.conversationId,
          businessUnitId: bu.id,
          consumerId: tentReviewer.id,
          source: 'Product reviews' as const,
          sourceId: F.productReviews.tentWithConversation,
          state: 'public' as const,
          comments: [
            {
              commentId: hexId('trustpilot:comment:tent'),
              createdAt: ago(0, 20),
              author: { id: dana.id, type: 'businessUser' as const },
              content: 'Thank you, Maya! Enjoy the ridges this spring.',
            },
          ],
        },
      ],
    ]),
  };
};
