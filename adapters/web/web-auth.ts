import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries a browser's identity (a user of the local tenant). */
export const SESSION_COOKIE = 'troupe_session';
/** Every POST must carry this header: a cross-site form cannot set it, and a cross-site script needs CORS, never given. */
export const CSRF_HEADER = 'x-troupe-csrf';

/** True for an address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** Compares two secrets in constant time (both hashed first, so their lengths leak nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Issues and checks the playground's session cookies: `<userId>.<hmac>`, signed with a key derived from
 * `TROUPE_WEB_TOKEN` (so only a browser that presented the token ever gets one, and they survive a restart) or, with
 * no token, a random key of this process. The token itself is never put in a cookie, a page or a log.
 *
 * @example
 *   const sessions = new WebSessions('s3cret-token-1234');
 *   const cookie = sessions.issue();        // 'u-1a2b3c4d.9f…'
 *   sessions.verify(cookie);                // 'u-1a2b3c4d'
 */
export class WebSessions {
  private readonly key: Buffer;

  constructor(readonly token?: string) {
    this.key = token ? createHash('sha256').update(`troupe-web-session\u0000${token}`).digest() : randomBytes(32);
  }

  /** A new browser identity. */
  issue(): string {
    const userId = `u-${randomBytes(6).toString('hex')}`;
    return `${userId}.${this.sign(userId)}`;
  }

  /** The user id of a well-signed cookie value, else undefined. */
  verify(cookie: string | undefined): string | undefined {
    const match = /^(u-[0-9a-f]{12})\.([0-9a-f]{64})$/.exec(cookie ?? '');
    if (!match) return undefined;
    return sameSecret(match[2], this.sign(match[1])) ? match[1] : undefined;
  }

  /** Whether a presented token (query or bearer) is the configured one; false when none is configured. */
  tokenMatches(given: string | undefined): boolean {
    return Boolean(this.token && given && sameSecret(given, this.token));
  }

  private sign(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('hex');
  }
}
