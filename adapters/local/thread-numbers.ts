import type { KeyValueStore } from '../../engine/store/ports.js';

/**
 * Numbers the threads of the local channel (#1, #2, …) and keeps the counter in the store, so
 * numbers continue after a restart. Thread keys are `t<N>`.
 */
export class ThreadNumbers {
  constructor(
    private readonly store: KeyValueStore,
    private readonly tenantId: string,
    private readonly channelKey: string,
  ) {}

  private get key(): string {
    return `local:threads:${this.channelKey}`;
  }

  /** Allocates the next thread number. */
  async next(): Promise<number> {
    const last = Number((await this.store.getValue(this.tenantId, this.key)) ?? 0);
    const next = (Number.isFinite(last) ? last : 0) + 1;
    await this.store.setValue(this.tenantId, this.key, next);
    return next;
  }

  /** True when thread #n was opened. */
  async exists(n: number): Promise<boolean> {
    const last = Number((await this.store.getValue(this.tenantId, this.key)) ?? 0);
    return Number.isInteger(n) && n >= 1 && n <= last;
  }
}

/** `t3` → 3; any other key is shown as is. */
export function threadLabel(threadKey: string | undefined): string {
  if (!threadKey) return '';
  const match = /^t(\d+)$/.exec(threadKey);
  return match ? `[#${match[1]}] ` : `[${threadKey}] `;
}

export const threadKeyOf = (n: number) => `t${n}`;
