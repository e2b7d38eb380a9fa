import type { Clock } from '../../src/invitations/batch/pacer';

/** Time passes only when code sleeps or a test advances it: pacing and time budgets without real waiting. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = Date.parse('2026-11-14T10:00:00Z')) {}
  now() {
    return this.t;
  }
  async sleep(ms: number) {
    this.sleeps.push(ms);
    this.t += ms;
  }
  advance(ms: number) {
    this.t += ms;
  }
}

/**
 * Freezes only the date (`new Date()`, `Date.now()`): nock and z.request keep their real timers. Undo with
 * `jest.useRealTimers()`.
 */
export function freezeDate(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}
