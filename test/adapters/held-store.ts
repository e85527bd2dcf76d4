import type { Store } from '../../engine/store/ports.js';

/**
 * A real store behind a switch: while held, every call is recorded and waits until `release()`.
 * Tests use it to see whether an adapter's acknowledgement waited for store work.
 */
export class HeldStore {
  readonly calls: string[] = [];
  readonly store: Store;
  private held: Promise<void> | undefined;
  private open: (() => void) | undefined;

  constructor(inner: Store) {
    this.store = new Proxy(inner, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (this.held) {
            this.calls.push(String(name));
            await this.held;
          }
          return value.apply(target, args);
        };
      },
    });
  }

  hold(): void {
    this.calls.length = 0;
    this.held = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open?.();
    this.held = undefined;
  }
}
