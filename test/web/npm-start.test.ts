import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatProcess } from '../e2e/chat-process.js';

/** Polls with room for a loaded CI machine (vitest's default is one second). */
const poll = <T>(check: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}) =>
  expect.poll(check, { timeout: 15_000, ...options });

/** A port that was free a moment ago (for Teams, whose port must be named). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-web-start-'));
const runs: ChatProcess[] = [];

afterAll(() => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('npm start serves the playground beside the terminal chat', () => {
  it('prints the playground URL, and a panel made in either is in the other', async () => {
    const chat = new ChatProcess(dir, `file:${path.join(dir, 'troupe.db')}`);
    runs.push(chat);
    const [, url] = await chat.waitFor(/^Playground: (http:\/\/127\.0\.0\.1:\d+)$/m, 60_000);
    chat.send(['/panel create 3 nurses in Lagos --name terminal-made']);
    await chat.waitFor(/Panel "terminal-made" —/, 60_000);

    const opened = await fetch(`${url}/`);
    expect(opened.status).toBe(200);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0];
    const panels = async () =>
      ((await (await fetch(`${url}/api/panels`, { headers: { cookie } })).json()) as { name: string }[]).map(
        (panel) => panel.name,
      );
    expect(await panels()).toContain('terminal-made');

    const sent = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-troupe-csrf': '1', origin: url },
      body: JSON.stringify({ text: '/panel create 2 cyclists in Oslo --name web-made' }),
    });
    expect(sent.status).toBe(202);
    await poll(panels, { timeout: 60_000, interval: 200 }).toContain('web-made');

    chat.send(['/panel list']);
    await chat.waitFor(/web-made/, 30_000);
    chat.end();
    expect(await chat.exited).toBe(0);
  }, 150_000);

  it('serves the playground beside a chat platform (Teams) too', async () => {
    const run = new ChatProcess(dir, `file:${path.join(dir, 'teams.db')}`, {
      TEAMS_ALLOW_ANONYMOUS: 'true',
      TEAMS_PORT: String(await freePort()),
    });
    runs.push(run);
    const [, url] = await run.waitFor(/^Playground: (http:\/\/127\.0\.0\.1:\d+)$/m, 60_000);
    expect(run.output).not.toMatch(/Troupe local chat/);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Troupe playground</title>');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
  }, 90_000);
});
