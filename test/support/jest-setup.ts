/**
 * Core's Lambda handler exits the process (process.exit(1)) after 250 invocations once memory passes
 * 450 MB: that is how Zapier recycles its Lambda containers. A jest worker that has loaded the suite is
 * past 450 MB, and the end-to-end tests invoke the handler hundreds of times, so the worker would die
 * mid-test. Recycling is the platform's concern, not the app's: tests switch it off.
 */
import { MEMORY_CHECKER_MODULE } from '../../sandbox/zapier-core-internals';

// doMock, not mock: jest hoists `mock` above the import that names the module.
jest.doMock(MEMORY_CHECKER_MODULE, () => () => undefined);
