import { UserInputError } from '../engine/errors.js';
import type { Command } from './grammar/command-types.js';
import type { Conversation } from './reply.js';

/** Commands that cost nothing (no model call, no job) and are never limited. */
const FREE = new Set<Command['name']>([
  'help',
  'usage',
  'panel.list',
  'panel.show',
  'intervene.list',
  'cancel',
  'confirm',
  'persona',
]);

/** How many costly commands fit in the window, per user and per tenant. */
export interface RateLimits {
  perUser: number;
  perTenant: number;
  windowMs: number;
}

/** What a shared chat app (Slack) uses unless told otherwise: 20 costly commands a minute per user, 120 per workspace. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perUser: 20, perTenant: 120, windowMs: 60_000 };

/**
 * Per-user and per-tenant limits on commands that start model work (a sliding window, in this
 * process). Past a limit the command is refused with "slow down" before anything is started or
 * stored; free commands (`/help`, `/usage`, `/cancel`, …) always pass.
 *
 * @example
 *   const limiter = new CommandRateLimiter({ perUser: 10, perTenant: 60, windowMs: 60_000 });
 *   limiter.admit(conversation, command); // throws UserInputError('rate.user', …) when spamming
 */
export class CommandRateLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the command, or throws when the user or the tenant is over its limit. */
  admit(conversation: Conversation, command: Command): void {
    if (FREE.has(command.name)) return;
    const at = this.now();
    const userKey = `u:${conversation.tenantId}:${conversation.userId ?? ''}`;
    const tenantKey = `t:${conversation.tenantId}`;
    const user = this.recent(userKey, at);
    const tenant = this.recent(tenantKey, at);
    if (user.length >= this.limits.perUser) this.refuse('rate.user', 'you have', user, at);
    if (tenant.length >= this.limits.perTenant) this.refuse('rate.tenant', 'this workspace has', tenant, at);
    user.push(at);
    tenant.push(at);
  }

  private recent(key: string, at: number): number[] {
    const kept = (this.seen.get(key) ?? []).filter((time) => at - time < this.limits.windowMs);
    this.seen.set(key, kept);
    return kept;
  }

  private refuse(code: string, who: string, times: number[], at: number): never {
    const wait = Math.max(1, Math.ceil((times[0] + this.limits.windowMs - at) / 1000));
    throw new UserInputError(
      code,
      `Slow down: ${who} sent ${times.length} commands in the last ${Math.round(this.limits.windowMs / 1000)} s, the most allowed. Nothing was started; try again in ${wait} s.`,
      '/usage',
    );
  }
}
