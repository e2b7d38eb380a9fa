/**
 * What the app writes with z.console.log is a note in the Zap's task history. Under appTester it goes to
 * console.log, which would clutter the test output. Every test file collects those lines here instead, so
 * the output stays clean and a test can assert the note it expects (`loggedLines()` from test/helpers).
 */
import { format } from 'node:util';

const lines: string[] = [];

beforeEach(() => {
  lines.length = 0;
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(format(...args).replace(/\n$/, ''));
  });
});

afterEach(() => {
  // A test may have restored console.log itself (one that spies on it to read what core logs).
  if (jest.isMockFunction(console.log)) (console.log as jest.Mock).mockRestore();
});

/** The lines logged so far by the running test. */
export const loggedLines = (): readonly string[] => [...lines];
