import { request } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpHttp } from '../../adapters/mcp/index.js';
import { eventually, startHttpHarness, TOKEN_A, TOKEN_B, textOf } from './harness.js';

type Harness = Awaited<ReturnType<typeof startHttpHarness>>;

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('MCP over HTTP: tokens, tenants, bad input and cancellation', () => {
  let harness: Harness;
  let acme: Client;
  let globex: Client;
  const call = (client: Client, name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

  beforeAll(async () => {
    harness = await startHttpHarness();
    acme = await harness.connect(TOKEN_A);
    globex = await harness.connect(TOKEN_B);
    const created = await call(acme, 'create_panel', {
      count: 2,
      description: 'bakers in Leeds',
      name: 'leeds-bakers',
    });
    expect(created.isError, textOf(created)).toBeFalsy();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('refuses a request without a token, or with a wrong one, with 401', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(harness.http.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(INITIALIZE),
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post({ authorization: 'Bearer not-the-token-0000000' })).status).toBe(401);
    expect((await post({ authorization: TOKEN_A })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${TOKEN_A}` })).status).toBe(200);
  });

  it('refuses to start on a non-loopback address without tokens', async () => {
    await expect(
      startMcpHttp({ services: harness.surface.services, tokens: [], host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow(/TROUPE_MCP_TOKEN/);
  });

  it('without tokens serves loopback only, and only requests whose Host is loopback (no DNS rebinding)', async () => {
    const open = await startMcpHttp({ services: harness.surface.services, tokens: [], host: '127.0.0.1', port: 0 });
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify(INITIALIZE);
        const req = request(
          open.url,
          {
            method: 'POST',
            headers: {
              host,
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await status('evil.example')).toBe(403);
      expect(await status(`evil.example:${open.port}`)).toBe(403);
      expect(await status(`127.0.0.1:${open.port}`)).toBe(200);
      expect(await status(`localhost:${open.port}`)).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('keeps two tokens as two tenants that never see each other’s panels, personas or threads', async () => {
    const asked = await call(acme, 'ask_panel', {
      panel: 'leeds-bakers',
      question: 'Would you sell sourdough online?',
    });
    expect(asked.isError, textOf(asked)).toBeFalsy();
    const { thread } = asked.structuredContent as { thread: string };
    const acmePanels = (await call(acme, 'list_panels', {})).structuredContent as { panels: { name: string }[] };
    expect(acmePanels.panels.map((panel) => panel.name)).toEqual(['leeds-bakers']);
    const globexPanels = (await call(globex, 'list_panels', {})).structuredContent as { panels: unknown[] };
    expect(globexPanels.panels).toEqual([]);
    const shown = await call(globex, 'show_panel', { panel: 'leeds-bakers' });
    expect(shown.isError).toBe(true);
    const followed = await call(globex, 'follow_up', { thread, question: 'And you?' });
    expect(followed.isError).toBe(true);
    expect(textOf(followed)).toContain('There is no thread');
    const panel = JSON.parse(
      ((await acme.readResource({ uri: 'troupe://panels/leeds-bakers' })).contents[0] as { text: string }).text,
    );
    await expect(globex.readResource({ uri: panel.personas[0].uri })).rejects.toThrow(/No persona/);
    await expect(globex.readResource({ uri: 'troupe://panels/leeds-bakers' })).rejects.toThrow(/No panel/);
    const { resources } = await globex.listResources();
    expect(resources).toEqual([]);
  });

  it('answers bad input with a tool error that says what was wrong, not a protocol error', async () => {
    const kind = await call(acme, 'poll', { panel: 'leeds-bakers', kind: 'bogus', question: 'Why?' });
    expect(kind.isError).toBe(true);
    expect(textOf(kind)).toMatch(/kind/);
    const count = await call(acme, 'create_panel', { count: 0, description: 'nobody' });
    expect(count.isError).toBe(true);
    expect(textOf(count)).toMatch(/count/);
    const demography = await call(acme, 'create_panel', { count: 2, demography: 'atlantis' });
    expect(demography.isError).toBe(true);
    expect(textOf(demography)).toContain('atlantis');
    const unknown = await call(acme, 'ask_panel', { panel: 'no-such-panel', question: 'Hello?' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('no-such-panel');
    const choice = await call(acme, 'poll', { panel: 'leeds-bakers', kind: 'choice', question: 'Which?' });
    expect(choice.isError).toBe(true);
    expect(textOf(choice)).toMatch(/option/i);
    expect(textOf(choice)).toContain('Example:');
    const persona = await call(acme, 'follow_up', {
      thread: (
        (await call(acme, 'ask_panel', { panel: 'leeds-bakers', question: 'Rye?' })).structuredContent as {
          thread: string;
        }
      ).thread,
      persona: 'Nobody Atall',
      question: 'Why?',
    });
    expect(persona.isError).toBe(true);
    expect(textOf(persona)).toContain('Nobody Atall');
    // The session still works after every refusal.
    expect((await call(acme, 'usage', {})).isError).toBeFalsy();
  });

  it('cancels the job when the client cancels the call mid-job', async () => {
    harness.model.close();
    const controller = new AbortController();
    const pending = acme.callTool(
      { name: 'ask_panel', arguments: { panel: 'leeds-bakers', question: 'Would you deliver at dawn?' } },
      undefined,
      { signal: controller.signal, onprogress: () => undefined },
    );
    await eventually(async () => (harness.model.waiting > 0 ? true : undefined));
    controller.abort();
    await expect(pending).rejects.toThrow();
    const job = await eventually(async () => {
      const jobs = await harness.store.listJobs('mcp:acme', 20);
      const ask = jobs.find((entry) => entry.input.question === 'Would you deliver at dawn?');
      return ask && ask.status !== 'running' && ask.status !== 'queued' ? ask : undefined;
    });
    expect(job.status).toBe('cancelled');
    harness.model.open();
    // The panel answers the next question as usual.
    const after = await call(acme, 'ask_panel', { panel: 'leeds-bakers', question: 'Would you deliver at noon?' });
    expect(after.isError, textOf(after)).toBeFalsy();
    expect((after.structuredContent as { answers: unknown[] }).answers).toHaveLength(2);
  });
});

describe('MCP: a command estimated above the cost threshold waits for the confirm tool', () => {
  let harness: Harness;
  beforeAll(async () => {
    // The offline model priced like an expensive one, so the estimate crosses a $1 threshold.
    harness = await startHttpHarness({
      limits: { confirmAboveUsd: 1 },
      prices: (name) => ({ [name]: { input: 500, cachedInput: 50, output: 500 } }),
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('refuses with the confirmation id, then confirm runs the job and its thread takes follow-ups', async () => {
    const client = await harness.connect();
    const call = (name: string, args: Record<string, unknown>) =>
      client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
    const refused = await call('create_panel', { count: 2, description: 'cyclists in Utrecht', name: 'utrecht' });
    expect(refused.isError, textOf(refused)).toBe(true);
    const id = /"id": "([0-9a-f]{6})"/.exec(textOf(refused))?.[1];
    expect(id, textOf(refused)).toBeDefined();
    expect(await harness.store.getPanel('mcp:acme', 'utrecht')).toBeUndefined();
    const confirmed = await call('confirm', { id });
    expect(confirmed.isError, textOf(confirmed)).toBeFalsy();
    expect((confirmed.structuredContent as { job: { status: string } }).job.status).toBe('succeeded');
    const panel = await harness.store.getPanel('mcp:acme', 'utrecht');
    expect(panel).toBeDefined();
    expect(await harness.store.listPersonas('mcp:acme', panel!.id)).toHaveLength(2);

    const ask = await call('ask_panel', { panel: 'utrecht', question: 'Would you pay for bike parking?' });
    const askId = /"id": "([0-9a-f]{6})"/.exec(textOf(ask))?.[1];
    const answered = await call('confirm', { id: askId });
    const structured = answered.structuredContent as { thread: string; answers: { persona: string }[] };
    expect(structured.answers).toHaveLength(2);
    const again = await call('confirm', { id: askId });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toContain('Nothing is waiting');
    const follow = await call('follow_up', { thread: structured.thread, question: 'Why?' });
    expect(follow.isError).toBe(true);
    expect(textOf(follow)).toMatch(/confirm tool/);
  });
});
