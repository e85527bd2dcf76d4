/**
 * Time for people polls: the current time and one-shot timers, injected so a test can move time on
 * (and a restart can be simulated) without waiting.
 *
 * @example
 *   const clock: PeoplePollClock = systemClock;
 *   const handle = clock.setTimer(() => close(), 60_000);
 */
export interface PeoplePollClock {
  now(): Date;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Wall-clock time and Node timers that never keep the process alive on their own. */
export const systemClock: PeoplePollClock = {
  now: () => new Date(),
  setTimer: (run, ms) => {
    const timer = setTimeout(run, Math.max(0, Math.min(ms, 2_147_000_000)));
    timer.unref?.();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
