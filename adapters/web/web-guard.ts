import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { CSRF_HEADER, isLoopbackHost, SESSION_COOKIE, type WebSessions } from './web-auth.js';

/** What the guard puts on the request context: the browser's identity. */
export interface GuardVariables {
  userId: string;
}

export interface WebGuardOptions {
  sessions: WebSessions;
  /** Bound to a loopback address: then the Host header must be loopback too (no DNS rebinding). */
  loopbackOnly: boolean;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Every request of the playground passes here. It sets strict security headers, refuses foreign Host headers on a
 * loopback bind, and establishes who is asking:
 * - with `TROUPE_WEB_TOKEN`: the page is opened once as `/?token=…` (compared in constant time), which sets a signed
 *   `SameSite=Strict; HttpOnly` session cookie and redirects to `/` so the token leaves the address bar; API calls
 *   need that cookie or `Authorization: Bearer <token>`; anything else is 401;
 * - without a token (loopback only): the first visit of `/` issues the cookie.
 * State-changing requests (POST) must also carry the `x-troupe-csrf` header, a JSON body and, when the browser sends
 * one, an Origin equal to the page's own: a cross-site form can do none of that.
 *
 * @example
 *   app.use('*', webGuard({ sessions: new WebSessions(token), loopbackOnly: true }));
 */
export function webGuard(options: WebGuardOptions): MiddlewareHandler<{ Variables: GuardVariables }> {
  const { sessions } = options;
  return async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    const host = c.req.header('host') ?? '';
    if (options.loopbackOnly && !isLoopbackHost(hostnameOf(host)))
      return c.text('This playground only answers on its loopback address, e.g. http://127.0.0.1:5173/', 421);
    const url = new URL(c.req.url);
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    let userId = sessions.verify(getCookie(c, SESSION_COOKIE));
    const presented = url.searchParams.get('token') ?? bearer;
    if (sessions.token) {
      if (!userId && !sessions.tokenMatches(presented))
        return c.text(
          'Unauthorized: this playground needs its token. Open it as http://HOST:PORT/?token=<TROUPE_WEB_TOKEN>.',
          401,
        );
      if (!userId) userId = issue(c, sessions);
      if (url.searchParams.has('token') && c.req.method === 'GET' && url.pathname === '/') return c.redirect('/', 303);
    } else if (!userId) {
      if (url.pathname !== '/' || c.req.method !== 'GET')
        return c.text('No session: open the playground page first (GET /).', 401);
      userId = issue(c, sessions);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const refusal = csrfRefusal(c, host);
      if (refusal) return c.text(refusal, 403);
    }
    c.set('userId', userId);
    await next();
  };
}

function issue(c: Context, sessions: WebSessions): string {
  const cookie = sessions.issue();
  setCookie(c, SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 60 * 60 * 24 * 365 });
  return cookie.split('.')[0];
}

function csrfRefusal(c: Context, host: string): string | undefined {
  if (c.req.header(CSRF_HEADER) !== '1') return `Forbidden: POST requests need the ${CSRF_HEADER}: 1 header.`;
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    return 'Forbidden: POST requests take a JSON body (content-type: application/json).';
  const origin = c.req.header('origin');
  if (origin && origin !== `http://${host}` && origin !== `https://${host}`)
    return `Forbidden: cross-origin request from ${origin}.`;
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return 'Forbidden: cross-site request.';
  return undefined;
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '');
}
