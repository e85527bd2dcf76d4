import { CancelledError } from '../errors.js';

/**
 * Time as the decorators see it, injectable so tests and benches can run on a manual or scaled
 * clock. `sleep` rejects with a CancelledError when the signal fires.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Cancellable `setTimeout` sleep. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock. */
export const systemClock: Clock = Object.freeze({ now: () => performance.now(), sleep });

/**
 * A clock running `scale` times faster than real time: 15 makes a simulated minute last 4 s.
 * Benches pair it with the fake server's `timeScale`.
 */
export function scaledClock(scale: number): Clock {
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * scale,
    sleep: (ms, signal) => sleep(ms / scale, signal),
  };
}
