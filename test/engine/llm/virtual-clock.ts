import { CancelledError } from '../../../engine/errors.js';
import type { Clock } from '../../../engine/llm/clock.js';

interface Sleeper {
  at: number;
  order: number;
  resolve: () => void;
}

/** Event-loop turns with nothing on the wire before time moves on (the SDK's own steps settle in them). */
const QUIET_TURNS = 3;

/**
 * Simulated time for tests that drive the real `openai` client against the fake provider: time stands
 * still while a request is on the wire (hand `fetch` to the client and `now` to the fake, so the fake
 * sees each request at the very time the gate started it), and when nothing is on the wire it jumps to
 * the earliest sleeper's deadline. A minute of pacing costs a few milliseconds, and no count of 429s
 * depends on how loaded the machine is.
 *
 * @example
 *   const clock = new VirtualClock();
 *   const fake = await startFakeOpenAIServer({ rpmLimit: 12, now: clock.now });
 *   const client = new OpenAI({ baseURL: fake.url, apiKey: 'test', fetch: clock.fetch });
 *   const gate = new RequestGate({ clock });
 */
export class VirtualClock implements Clock {
  private time = 0;
  private order = 0;
  private onWire = 0;
  /** Requests landed so far: a landing during the quiet turns starts them over. */
  private landed = 0;
  private scheduled = false;
  private readonly sleepers: Sleeper[] = [];

  now = (): number => this.time;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.sleepers.indexOf(sleeper);
        if (index >= 0) this.sleepers.splice(index, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });

  /** A `fetch` for the client: time stands still until the whole response body has arrived. */
  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    this.onWire++;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      this.onWire--;
      this.landed++;
      this.schedule();
    }
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn(1, this.landed));
  }

  private turn(quiet: number, landed: number): void {
    // A request on the wire reschedules when it lands; until then no sleeper may wake.
    if (this.onWire > 0 || this.sleepers.length === 0) {
      this.scheduled = false;
      return;
    }
    if (quiet < QUIET_TURNS || landed !== this.landed) {
      const next = landed === this.landed ? quiet + 1 : 1;
      setImmediate(() => this.turn(next, this.landed));
      return;
    }
    this.scheduled = false;
    this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
    this.time = Math.max(this.time, this.sleepers[0].at);
    while (this.sleepers.length && this.sleepers[0].at <= this.time) this.sleepers.shift()?.resolve();
    if (this.sleepers.length) this.schedule();
  }
}
