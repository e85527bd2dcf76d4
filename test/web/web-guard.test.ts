import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameSecret, WebSessions } from '../../adapters/web/web-auth.js';
import { WebTimeline } from '../../adapters/web/web-timeline.js';
import { startTestPlayground } from './browser.js';

const TOKEN = 'f00dfeed-0123456789abcdef';

type Playground = Awaited<ReturnType<typeof startTestPlayground>>;

/** A raw HTTP request, so the Host header can be anything (fetch would not let a test forge it). */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const post = (url: string, headers: Record<string, string>, body = '{"text":"/panel list"}') =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('web playground guard (token configured)', () => {
  let playground: Playground;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    playground = await startTestPlayground({ token: TOKEN });
    base = playground.web.url;
  });
  afterAll(() => playground?.cleanup());

  it('refuses every request without the token', async () => {
    for (const path of ['/', '/api/state', '/api/events', '/assets/app.js', '/avatars/p1.png'])
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
    const page = await fetch(`${base}/`);
    expect(await page.text()).toMatch(/needs its token.*\?token=<TROUPE_WEB_TOKEN>/);
    expect((await fetch(`${base}/?token=${TOKEN}x`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${base}/api/state`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('turns the token into a SameSite=Strict HttpOnly session cookie and drops it from the address', async () => {
    const opened = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^troupe_session=u-[0-9a-f]{12}\.[0-9a-f]{64};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    cookie = setCookie.split(';')[0];
    const state = await fetch(`${base}/api/state`, { headers: { cookie } });
    expect(state.status).toBe(200);
    expect(((await state.json()) as { channelKey: string }).channelKey).toBe('web:main');
    expect((await fetch(`${base}/api/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    // A forged cookie (another user id, same signature) is no session.
    const forged = cookie.replace(/u-[0-9a-f]{12}/, 'u-000000000000');
    expect((await fetch(`${base}/api/state`, { headers: { cookie: forged } })).status).toBe(401);
  });

  it('refuses state-changing requests without the CSRF header, JSON body or same origin', async () => {
    const url = `${base}/api/messages`;
    expect((await post(url, { cookie })).status).toBe(403);
    expect(await (await post(url, { cookie })).text()).toMatch(/x-troupe-csrf: 1/);
    const form = await fetch(url, {
      method: 'POST',
      headers: { cookie, 'x-troupe-csrf': '1', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=/panel+list',
    });
    expect(form.status).toBe(403);
    expect((await post(url, { cookie, 'x-troupe-csrf': '1', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(url, { cookie, 'x-troupe-csrf': '1', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const bad = await post(url, { cookie, 'x-troupe-csrf': '1' }, '{"text":""}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Example: \{"text":"\/help"\}/);
    const ok = await post(url, { cookie, 'x-troupe-csrf': '1', origin: base });
    expect(ok.status).toBe(202);
  });

  it('answers only its loopback Host (no DNS rebinding)', async () => {
    expect((await raw(`${base}/api/state`, { cookie, host: 'attacker.example' })).status).toBe(421);
    expect((await raw(`${base}/api/state`, { cookie, host: `localhost:${playground.web.port}` })).status).toBe(200);
  });

  it('serves files and avatars only from the session tenant', async () => {
    const timeline = new WebTimeline(playground.store);
    await playground.store.ensureTenant({ id: 'slack:T9', platform: 'slack', name: 'other' });
    await timeline.saveBlob('slack:T9', 'mforeign1', {
      filename: 'x.md',
      mimeType: 'text/markdown',
      bytes: Buffer.from('secret'),
    });
    await timeline.saveBlob('local', 'mlocal1', {
      filename: 'y.md',
      mimeType: 'text/markdown',
      bytes: Buffer.from('mine'),
    });
    expect((await fetch(`${base}/api/files/mforeign1`, { headers: { cookie } })).status).toBe(404);
    const mine = await fetch(`${base}/api/files/mlocal1`, { headers: { cookie } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toBe('attachment; filename="y.md"');
    expect(await mine.text()).toBe('mine');
    expect((await fetch(`${base}/api/files/..%2Fweb:posted`, { headers: { cookie } })).status).toBe(404);
    const svg = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>')}`;
    const persona = { name: 'Ada Foreign', avatar: svg, spec: { name: 'Ada Foreign' } };
    const foreignPanel = await playground.store.createPanel('slack:T9', { name: 'theirs', description: 'x' });
    const [foreign] = await playground.store.addPersonas('slack:T9', foreignPanel.id, [persona]);
    const localPanel = await playground.store.createPanel('local', { name: 'ours', description: 'x' });
    const [local] = await playground.store.addPersonas('local', localPanel.id, [{ ...persona, name: 'Ada Local' }]);
    const theirs = await fetch(`${base}/avatars/${foreign.id}.png?t=slack%3AT9`, { headers: { cookie } });
    expect(theirs.status).toBe(404);
    const ours = await fetch(`${base}/avatars/${local.id}.png`, { headers: { cookie } });
    expect(ours.status).toBe(200);
    expect(ours.headers.get('content-type')).toBe('image/png');
  });

  it('sends strict security headers', async () => {
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('web sessions', () => {
  it('compares secrets in constant time and signs identities per token', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    const one = new WebSessions(TOKEN);
    const cookie = one.issue();
    expect(one.verify(cookie)).toBe(cookie.split('.')[0]);
    expect(new WebSessions(TOKEN).verify(cookie)).toBe(cookie.split('.')[0]);
    expect(new WebSessions(`${TOKEN}-other`).verify(cookie)).toBeUndefined();
    expect(new WebSessions().verify(cookie)).toBeUndefined();
    expect(one.tokenMatches(TOKEN)).toBe(true);
    expect(new WebSessions().tokenMatches('')).toBe(false);
  });
});
