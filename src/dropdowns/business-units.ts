/**
 * The Business Unit dropdown: the connection's own business unit, looked up once when the user
 * connected, so filling the dropdown costs no API call. Other units of the account are typed as an id
 * or found with "Find Business Unit".
 */
import type { Bundle, ZObject } from 'zapier-platform-core';

import { TrustpilotClient } from '../trustpilot/client';

export const listBusinessUnits = async (z: ZObject, bundle: Bundle): Promise<Array<{ id: string; name: string }>> => {
  const { businessUnitId, businessUnitName, businessUnitDomain } = TrustpilotClient.fromBundle(z, bundle).connection;
  if (!businessUnitId) return [];
  const name =
    businessUnitName && businessUnitDomain && businessUnitName !== businessUnitDomain
      ? `${businessUnitName} (${businessUnitDomain})`
      : businessUnitName || businessUnitDomain || businessUnitId;
  return [{ id: businessUnitId, name }];
};
