/**
 * The Business Unit field every Trustpilot operation shares. Plain data: shells import it while the app
 * definition loads. "Find Business Unit" powers it as a search, so users can look up another unit by domain.
 */
export const businessUnitField = {
  key: 'business_unit_id',
  label: 'Business Unit',
  type: 'string',
  required: false,
  dynamic: 'business_unit_list.id.name',
  search: 'find_business_unit.id',
  helpText:
    'Leave empty for the business unit of your connection. For another business unit of your Trustpilot account, type its 24-character id, or find it by domain with the "Find Business Unit" search.',
} as const;
