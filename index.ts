/**
 * The app definition: wiring only. Each trigger, action and search lives in its own file; the work
 * they do lives in src/ and loads lazily inside perform, so Zapier's cold start stays fast.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';

import sendInvitation from './creates/send_invitation';
import sendInvitationsBatch from './creates/send_invitations_batch';
import packageJson from './package.json';
import findBusinessUnit from './searches/find_business_unit';
import { authentication } from './src/auth/authentication';
import businessUnitList from './triggers/business_unit_list';
import templateList from './triggers/template_list';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  triggers: {
    [businessUnitList.key]: businessUnitList,
    [templateList.key]: templateList,
  },
  creates: {
    [sendInvitation.key]: sendInvitation,
    [sendInvitationsBatch.key]: sendInvitationsBatch,
  },
  searches: {
    [findBusinessUnit.key]: findBusinessUnit,
  },
});
