/** Trustpilot resources as the sandbox keeps them; responses add links and the business unit summary. */

export interface BusinessUnit {
  id: string;
  displayName: string;
  name: { identifying: string; referring: string[] };
  websiteUrl: string;
  country: string;
  status: 'active';
  badFit: boolean;
  score: { trustScore: number; stars: number };
}

export interface BusinessUser {
  id: string;
  name: string;
  businessUnitId: string;
  role: 'Admin' | 'Manager' | 'Editor';
}

export interface Template {
  id: string;
  name: string;
  isDefaultTemplate: boolean;
  locale: string;
  type: 'Standard' | 'Custom';
}

export interface CompanyReply {
  text: string;
  authorBusinessUserId: string;
  authorBusinessUserName: string;
  createdAt: string;
  updatedAt: string | null;
}

export interface ServiceReview {
  id: string;
  businessUnitId: string;
  consumer: { id: string; displayName: string; displayLocation: string | null; numberOfReviews: number };
  location: { id: string; name: string; urlFormattedName: string; externalId: string } | null;
  stars: 1 | 2 | 3 | 4 | 5;
  title: string;
  text: string;
  language: string;
  createdAt: string;
  updatedAt: string | null;
  experiencedAt: string | null;
  referralEmail: string | null;
  referenceId: string | null;
  source: 'InvitationApi' | 'AFS' | 'Organic' | 'BusinessGeneratedLink';
  companyReply: CompanyReply | null;
  tags: { group: string; value: string }[];
  isVerified: boolean;
  numberOfLikes: number;
}

export interface ProductReview {
  id: string;
  businessUnitId: string;
  createdAt: string;
  updatedAt: string | null;
  stars: 1 | 2 | 3 | 4 | 5;
  content: string;
  product: {
    id: string;
    productUrl: string;
    productImages: string[];
    name: string;
    sku: string;
    gtin: string | null;
    mpn: string | null;
    brand: string;
  };
  consumer: { id: string; email: string; name: string };
  referenceId: string | null;
  locale: string;
  language: string;
  redirectUri: string | null;
  state: 'published' | 'unpublished' | 'underModeration' | 'archived';
  hasModerationHistory: boolean;
  conversationId: string | null;
}

export interface Comment {
  commentId: string;
  createdAt: string;
  author: { id: string; type: 'businessUser' | 'consumer' };
  content: string;
}

export interface Conversation {
  id: string;
  businessUnitId: string;
  consumerId: string;
  source: 'Product reviews';
  sourceId: string;
  state: 'public' | 'private';
  comments: Comment[];
}

export interface TrustpilotData {
  businessUnits: BusinessUnit[];
  businessUsers: BusinessUser[];
  templates: Map<string, Template[]>;
  reviews: ServiceReview[];
  productReviews: ProductReview[];
  conversations: Map<string, Conversation>;
}

/** Trustpilot's timestamps: ISO 8601 in UTC, whole seconds. */
export const tpTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';
