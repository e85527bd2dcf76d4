import type { WorldEvent } from '../agent/events.js';
import type { WorldObserverEvent } from './world-port.js';
import type { WorldEventSink, WorldObserver } from './world-types.js';

/**
 * Hands observer events and transcript events to their consumers one at a time, in the order
 * they happened, without making the simulation wait for each one (a slow chat post must not
 * delay the agents). `flush()` waits for all of them and surfaces the first failure.
 */
export class OrderedOutbox {
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly observer?: WorldObserver,
    private readonly eventSink?: WorldEventSink,
  ) {}

  observe(event: WorldObserverEvent): void {
    const observer = this.observer;
    if (observer) this.enqueue(() => observer(event));
  }

  sink(events: WorldEvent[]): void {
    const eventSink = this.eventSink;
    if (eventSink) this.enqueue(() => eventSink(events.map((e) => ({ ...e }))));
  }

  async flush(): Promise<void> {
    await this.chain;
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
  }

  private enqueue(work: () => void | Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }
}
