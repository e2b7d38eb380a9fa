import { defineApp, version as platformVersion } from 'zapier-platform-core';

import packageJson from './package.json';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  triggers: {},
  creates: {},
  searches: {},
});
