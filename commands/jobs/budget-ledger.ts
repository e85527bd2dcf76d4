import { UserInputError } from '../../engine/errors.js';
import type { UsageStore } from '../../engine/store/ports.js';

/**
 * A tenant's token budget (`TROUPE_TOKEN_BUDGET`) under concurrency: a job's estimate is reserved
 * when it starts and released when it ends, so three jobs started together cannot each pass a check
 * that only one of them fits; at each step boundary a running job is stopped once what was spent
 * plus what the other running jobs reserved reaches the budget.
 *
 * @example
 *   const ledger = new BudgetLedger(store, 100_000);
 *   const hold = await ledger.reserve('T1', 12_000); // throws budget.insufficient when it does not fit
 *   hold.bind(job.id);
 *   await ledger.checkpoint('T1', job.id); // at a step boundary; throws budget.exhausted
 *   ledger.release(job.id);
 */
export class BudgetLedger {
  /** Reserved tokens by holder (a job id, or a provisional key until the job exists). */
  private readonly holds = new Map<string, { tenantId: string; tokens: number }>();
  private provisional = 0;

  constructor(
    private readonly usage: UsageStore,
    readonly budget: number | undefined,
  ) {}

  /** Reserves `tokens` for work about to start, or refuses it with a clear error. */
  async reserve(tenantId: string, tokens: number): Promise<{ bind(jobId: string): void; release(): void }> {
    const key = `pending:${++this.provisional}`;
    if (this.budget === undefined) return { bind: () => undefined, release: () => undefined };
    const spent = await this.spent(tenantId);
    // No await between the check and the hold: concurrent reservations see each other.
    const reserved = this.reservedBy(tenantId);
    if (spent >= this.budget) {
      throw new UserInputError(
        'budget.spent',
        `This workspace has spent its token budget (${fmt(spent)} of ${fmt(this.budget)} tokens). Ask an admin to raise TROUPE_TOKEN_BUDGET.`,
        '/usage',
      );
    }
    if (spent + reserved + tokens > this.budget) {
      const left = Math.max(0, this.budget - spent - reserved);
      const running = reserved > 0 ? ` (${fmt(reserved)} are reserved by jobs already running)` : '';
      throw new UserInputError(
        'budget.insufficient',
        `This needs about ${fmt(tokens)} tokens but only ${fmt(left)} of the budget are left${running}. Try a smaller panel or fewer rounds, or wait for the running jobs.`,
        '/usage',
      );
    }
    this.holds.set(key, { tenantId, tokens });
    let holder = key;
    return {
      bind: (jobId: string) => {
        const hold = this.holds.get(holder);
        this.holds.delete(holder);
        if (hold) this.holds.set(jobId, hold);
        holder = jobId;
      },
      release: () => void this.holds.delete(holder),
    };
  }

  /** Ends a job's reservation (what it spent is in the usage store by now). */
  release(jobId: string): void {
    this.holds.delete(jobId);
  }

  /** At a step boundary: stops the job when the budget is used up, counting the other jobs' reservations. */
  async checkpoint(tenantId: string, jobId: string): Promise<void> {
    if (this.budget === undefined) return;
    const spent = await this.spent(tenantId);
    const others = this.reservedBy(tenantId, jobId);
    if (spent + others >= this.budget) {
      throw new UserInputError(
        'budget.exhausted',
        `Stopped here, at a step boundary: this workspace has used its token budget (${fmt(spent)} spent${others ? `, ${fmt(others)} reserved by other running jobs` : ''}, of ${fmt(this.budget)}). What was done so far is kept; ask an admin to raise TROUPE_TOKEN_BUDGET.`,
        '/usage',
      );
    }
  }

  private async spent(tenantId: string): Promise<number> {
    const usage = await this.usage.summarizeUsage(tenantId);
    return usage.inputTokens + usage.outputTokens;
  }

  private reservedBy(tenantId: string, except?: string): number {
    let total = 0;
    for (const [holder, hold] of this.holds) if (hold.tenantId === tenantId && holder !== except) total += hold.tokens;
    return total;
  }
}

function fmt(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
