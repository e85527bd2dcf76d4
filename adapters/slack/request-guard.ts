import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a signed Slack request was refused. */
export type GuardVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing-signature' | 'bad-signature' | 'stale-timestamp' | 'replayed' };

const WINDOW_SECONDS = 5 * 60;

/**
 * Verifies Slack's request signature (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`), refuses
 * timestamps more than five minutes away, and refuses a replay: a signature already accepted in
 * the last five minutes. The seen-signature cache belongs to this instance (one per server).
 *
 * @example
 *   const guard = new SignedRequestGuard(signingSecret);
 *   const verdict = guard.check(req.headers['x-slack-signature'], req.headers['x-slack-request-timestamp'], rawBody);
 */
export class SignedRequestGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly signingSecret: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  check(
    signature: string | string[] | undefined,
    timestamp: string | string[] | undefined,
    body: Buffer | string,
  ): GuardVerdict {
    if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d+$/.test(timestamp))
      return { ok: false, reason: 'missing-signature' };
    const now = this.nowSeconds();
    if (Math.abs(now - Number(timestamp)) > WINDOW_SECONDS) return { ok: false, reason: 'stale-timestamp' };
    const expected = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      return { ok: false, reason: 'bad-signature' };
    this.prune(now);
    if (this.seen.has(signature)) return { ok: false, reason: 'replayed' };
    this.seen.set(signature, now + WINDOW_SECONDS);
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [signature, expires] of this.seen) if (expires < now) this.seen.delete(signature);
  }
}

/** Signs a body as Slack does (for tests and tools). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSeconds: number,
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestampSeconds) };
}
