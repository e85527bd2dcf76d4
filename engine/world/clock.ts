import { UserInputError } from '../errors.js';

/** A span of simulated time: milliseconds, or named parts. */
export type Duration = number | { days?: number; hours?: number; minutes?: number; seconds?: number };

/**
 * Converts a duration to milliseconds.
 *
 * @example
 *   durationToMs({ minutes: 30 }); // 1_800_000
 */
export function durationToMs(duration: Duration): number {
  const ms =
    typeof duration === 'number'
      ? duration
      : ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * 60_000 +
        (duration.seconds ?? 0) * 1000;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new UserInputError(
      'world.duration',
      `a step duration must be zero or positive, got ${JSON.stringify(duration)}`,
      '{ minutes: 30 }',
    );
  }
  return ms;
}

/**
 * Default start of simulated time. Fixed (not the wall clock) so prompts that mention the time
 * are the same on every run, which keeps re-runs answerable from the response cache.
 */
export const DEFAULT_SIMULATION_START = '2025-01-06T09:00:00.000Z';

/**
 * The simulated clock of a world. Share one instance with the personas (their `clock` option) so
 * everyone sees the same time; it only moves when the world advances it.
 *
 * @example
 *   const clock = new SimulatedClock('2025-03-01T10:00:00Z');
 *   clock.advance({ hours: 1 });
 *   clock.now().toISOString(); // '2025-03-01T11:00:00.000Z'
 */
export class SimulatedClock {
  private millis: number;

  constructor(start: Date | string = DEFAULT_SIMULATION_START) {
    this.millis = parseTime(start);
  }

  /**
   * The current simulated time (a fresh Date each call, so callers cannot move the clock). Bound,
   * so it can be handed to a persona as its clock: `new TinyPerson({ spec, model, clock: clock.now })`.
   */
  readonly now = (): Date => new Date(this.millis);

  advance(duration: Duration): Date {
    this.millis += durationToMs(duration);
    return this.now();
  }

  set(time: Date | string): void {
    this.millis = parseTime(time);
  }
}

function parseTime(time: Date | string): number {
  const millis = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(millis)) {
    throw new UserInputError('world.time', `not a valid time: ${String(time)}`, '2025-03-01T10:00:00Z');
  }
  return millis;
}
