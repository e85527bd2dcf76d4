import type { PeoplePollClock } from '../../commands/poll-with-people/people-poll-clock.js';

/** A clock that moves only when told: timers run when `advance` passes their time. */
export class ManualClock implements PeoplePollClock {
  private timers: { at: number; run: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private time = Date.parse('2026-12-02T10:00:00Z')) {}

  now(): Date {
    return new Date(this.time);
  }

  setTimer(run: () => void, ms: number): unknown {
    const id = ++this.nextId;
    this.timers.push({ at: this.time + Math.max(0, ms), run, id });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time on by `ms` and runs every timer that falls due, in time order. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.run();
  }

  get pending(): number {
    return this.timers.length;
  }
}
