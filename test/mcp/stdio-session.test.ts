import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEnv } from '../e2e/chat-process.js';
import { textOf } from './harness.js';

const repo = path.resolve(import.meta.dirname, '../..');

describe('MCP over stdio: `npx troupe mcp` (the bin entry) with the offline model and a temp SQLite file', () => {
  let dir: string;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  const protocolErrors: Error[] = [];
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    expect(result.isError, `${name}: ${textOf(result)}\n${stderr}`).toBeFalsy();
    return result;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'troupe-mcp-'));
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(repo, 'scripts/troupe-bin.mjs'), 'mcp'],
      cwd: dir,
      env: chatEnv(`file:${path.join(dir, 'troupe.db')}`) as Record<string, string>,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    client = new Client({ name: 'troupe-stdio-test', version: '1.0.0' });
    // A line on stdout that is not a protocol message (a log, a banner) would surface here.
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the README session: create, ask, follow up, poll, brainstorm, summarize, export', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['create_panel', 'ask_panel', 'export']));
    const progress: number[] = [];
    const created = (await client.callTool(
      { name: 'create_panel', arguments: { count: 2, description: 'nurses in Lagos who commute by bus' } },
      undefined,
      { onprogress: (update) => progress.push(update.progress), timeout: 120_000 },
    )) as CallToolResult;
    expect(created.isError, textOf(created)).toBeFalsy();
    const { panel, personas } = created.structuredContent as { panel: string; personas: { name: string }[] };
    expect(personas).toHaveLength(2);
    expect(progress.length).toBeGreaterThan(0);
    const asked = await call('ask_panel', { panel, question: 'What would make a bus-tracking app worth paying for?' });
    const { thread, answers } = asked.structuredContent as { thread: string; answers: { persona: string }[] };
    expect(answers.map((answer) => answer.persona).sort()).toEqual(personas.map((persona) => persona.name).sort());
    const followed = await call('follow_up', { thread, persona: personas[0].name, question: 'Why?' });
    expect((followed.structuredContent as { answers: { persona: string }[] }).answers[0].persona).toBe(
      personas[0].name,
    );
    const polled = await call('poll', { panel, kind: 'likert', question: 'I would pay for it', points: 5, thread });
    expect(polled.content.some((block) => block.type === 'image' && block.mimeType === 'image/png')).toBe(true);
    await call('brainstorm', { panel, topic: 'features for commuting nurses', rounds: 1 });
    const summary = await call('summarize', { panel, thread });
    expect((summary.structuredContent as { label: string }).label).toMatch(/synthetic panel/i);
    const exported = await call('export', { panel, format: 'docx', thread });
    const link = exported.content.find((block) => block.type === 'resource_link') as { uri: string };
    const file = (await client.readResource({ uri: link.uri })).contents[0] as { blob: string; mimeType: string };
    expect(file.mimeType).toMatch(/wordprocessingml/);
    expect(Buffer.from(file.blob, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    expect(protocolErrors).toEqual([]);
  }, 180_000);
});
