import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness, textOf } from './harness.js';

type Harness = Awaited<ReturnType<typeof startHttpHarness>>;

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
