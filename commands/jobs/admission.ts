/** A place in a workspace's job queue: `ahead` jobs must finish first; `ready` resolves when it may run. */
export interface AdmissionTicket {
  readonly ahead: number;
  readonly ready: Promise<void>;
  /** Gives the slot back (or leaves the queue); idempotent. */
  release(): void;
}

/**
 * Per-tenant job slots: at most `limit` jobs of one tenant run at once; the others wait in FIFO
 * order. `admit` is synchronous, so concurrent starts can never all slip under the limit, and a
 * recovered job queues like a new one.
 *
 * @example
 *   const ticket = admission.admit('T1'); // ticket.ahead === 0 while a slot is free
 *   await ticket.ready; try { await work(); } finally { ticket.release(); }
 */
export class Admission {
  private readonly tenants = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  admit(tenantId: string): AdmissionTicket {
    const tenant = this.tenants.get(tenantId) ?? { running: 0, waiting: [] };
    this.tenants.set(tenantId, tenant);
    let released = false;
    let started = false;
    let wake: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (wake = resolve));
    const start = () => {
      started = true;
      wake();
    };
    const ahead = tenant.running >= this.limit ? tenant.running + tenant.waiting.length - this.limit + 1 : 0;
    if (tenant.running < this.limit) {
      tenant.running++;
      start();
    } else tenant.waiting.push(start);
    return {
      ahead,
      ready,
      release: () => {
        if (released) return;
        released = true;
        if (!started) {
          tenant.waiting.splice(tenant.waiting.indexOf(start), 1);
          return;
        }
        const next = tenant.waiting.shift();
        if (next) next();
        else tenant.running--;
      },
    };
  }
}
