import { defineSearch, type SearchPerform } from 'zapier-platform-core';

const perform = (async (z, bundle) => {
  const { findBusinessUnit } = await import('../src/find-business-unit/find-business-unit');
  return findBusinessUnit(z, bundle);
}) satisfies SearchPerform;

export default defineSearch({
  key: 'find_business_unit',
  noun: 'Business Unit',
  display: {
    label: 'Find Business Unit',
    description: 'Finds a Trustpilot business unit by its domain or exact name, with its TrustScore and review counts.',
  },
  operation: {
    inputFields: [
      {
        key: 'name',
        label: 'Domain or Name',
        type: 'string',
        required: true,
        helpText:
          'The domain of the Trustpilot profile, as in its address `trustpilot.com/review/example.com` (e.g. `example.com`), or the business’s exact name on Trustpilot. A pasted web address works too.',
      },
    ],
    outputFields: [
      { key: 'id', label: 'Business Unit ID', type: 'string' },
      { key: 'name', label: 'Name', type: 'string' },
      { key: 'domain', label: 'Domain', type: 'string' },
      { key: 'website_url', label: 'Website URL', type: 'string' },
      { key: 'country', label: 'Country', type: 'string' },
      { key: 'status', label: 'Status', type: 'string' },
      { key: 'trust_score', label: 'TrustScore', type: 'number' },
      { key: 'stars', label: 'Stars', type: 'number' },
      { key: 'reviews_total', label: 'Reviews (Total)', type: 'integer' },
      { key: 'reviews_used_for_trustscore', label: 'Reviews Used for TrustScore', type: 'integer' },
      { key: 'reviews_one_star', label: 'Reviews with 1 Star', type: 'integer' },
      { key: 'reviews_two_stars', label: 'Reviews with 2 Stars', type: 'integer' },
      { key: 'reviews_three_stars', label: 'Reviews with 3 Stars', type: 'integer' },
      { key: 'reviews_four_stars', label: 'Reviews with 4 Stars', type: 'integer' },
      { key: 'reviews_five_stars', label: 'Reviews with 5 Stars', type: 'integer' },
      { key: 'profile_url', label: 'Trustpilot Profile URL', type: 'string' },
      {
        key: 'reviews_awaiting_reply',
        label: 'Reviews Awaiting Reply, Last 30 Days (Counted Up to 100; Empty Without Access)',
        type: 'integer',
      },
      { key: 'reviews_awaiting_reply_capped', label: 'Reviews Awaiting Reply Reached the 100 Cap', type: 'boolean' },
      { key: 'reviews_awaiting_reply_since', label: 'Reviews Awaiting Reply Counted Since', type: 'datetime' },
    ],
    sample: {
      id: '507f191e810c19729de860ea',
      name: 'Acme Outdoor Gear',
      domain: 'acme-outdoor.example',
      website_url: 'https://www.acme-outdoor.example',
      country: 'GB',
      status: 'active',
      trust_score: 4.3,
      stars: 4.5,
      reviews_total: 412,
      reviews_used_for_trustscore: 398,
      reviews_one_star: 9,
      reviews_two_stars: 6,
      reviews_three_stars: 21,
      reviews_four_stars: 66,
      reviews_five_stars: 310,
      profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example',
      reviews_awaiting_reply: 7,
      reviews_awaiting_reply_capped: false,
      reviews_awaiting_reply_since: '2026-11-01T09:00:00Z',
    },
    perform,
  },
});
