/**
 * The app definition: wiring only. Each trigger, action and search lives in its own file; the work
 * they do lives in src/ and loads lazily inside perform, so Zapier's cold start stays fast.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';

import packageJson from './package.json';
import { authentication } from './src/auth/authentication';
import buildAfsEmail from './creates/build_afs_email';
import createBusinessGeneratedLink from './creates/create_business_generated_link';
import generateInvitationLink from './creates/generate_invitation_link';
import businessUnitList from './triggers/business_unit_list';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  triggers: {
    [businessUnitList.key]: businessUnitList,
  },
  creates: {
    [buildAfsEmail.key]: buildAfsEmail,
    [createBusinessGeneratedLink.key]: createBusinessGeneratedLink,
    [generateInvitationLink.key]: generateInvitationLink,
  },
  searches: {},
});
