import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHarness, textOf } from './harness.js';

type Harness = Awaited<ReturnType<typeof startHttpHarness>>;

const TOOL_NAMES = [
  'create_panel',
  'list_panels',
  'show_panel',
  'add_personas',
  'ask_panel',
  'follow_up',
  'fork',
  'diff',
  'fidelity',
  'poll',
  'brainstorm',
  'summarize',
  'export',
  'usage',
  'confirm',
];

describe('MCP over Streamable HTTP: the README session with the real SDK client', () => {
  let harness: Harness;
  let client: Client;
  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

  beforeAll(async () => {
    harness = await startHttpHarness();
    client = await harness.connect();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('lists every tool with an object input schema and an output schema that compiles', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const ajv = new Ajv({ strict: false });
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(() => ajv.compile(tool.outputSchema!), tool.name).not.toThrow();
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
    }
    const poll = tools.find((tool) => tool.name === 'poll')!;
    expect(poll.inputSchema.required).toEqual(expect.arrayContaining(['panel', 'kind', 'question']));
  });

  let personas: { id: string; name: string; uri: string }[] = [];
  let thread = '';
  let followUpAnswer = '';

  it('creates a panel with progress notifications', async () => {
    const progress: { progress: number; total?: number }[] = [];
    const result = (await client.callTool(
      {
        name: 'create_panel',
        arguments: { count: 3, description: 'nurses in Lagos who commute by bus', name: 'lagos' },
      },
      undefined,
      { onprogress: (update) => progress.push(update) },
    )) as CallToolResult;
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { panel: string; personas: typeof personas; label: string };
    expect(structured.panel).toBe('lagos');
    expect(structured.personas).toHaveLength(3);
    personas = structured.personas;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((update) => update.total === 3 && update.progress > 0)).toBe(true);
    const values = progress.map((update) => update.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
  });

  it('asks the panel and gets one answer per persona, labelled synthetic', async () => {
    const result = await call('ask_panel', {
      panel: 'lagos',
      question: 'What would make a bus-tracking app worth paying for?',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as {
      thread: string;
      answers: { persona: string; text: string }[];
      label: string;
    };
    expect(structured.answers.map((answer) => answer.persona).sort()).toEqual(personas.map((p) => p.name).sort());
    for (const answer of structured.answers) expect(answer.text.trim().length).toBeGreaterThan(0);
    expect(structured.label).toMatch(/synthetic/i);
    expect(structured.thread).toMatch(/^t[0-9a-f]{12}$/);
    thread = structured.thread;
  });

  it('follows up with one persona in the thread: only that persona answers', async () => {
    const persona = personas[1].name;
    const result = await call('follow_up', { thread, persona, question: 'What would you pay per month?' });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { thread: string; answers: { persona: string; text: string }[] };
    expect(structured.thread).toBe(thread);
    expect(structured.answers.length).toBeGreaterThan(0);
    expect(new Set(structured.answers.map((answer) => answer.persona))).toEqual(new Set([persona]));
    followUpAnswer = structured.answers[0].text;
  });

  it('polls with the chart as PNG image content and as a readable resource', async () => {
    const result = await call('poll', {
      panel: 'lagos',
      kind: 'yesno',
      question: 'Would you pay 1,500 naira a month?',
      thread,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const image = result.content.find((block) => block.type === 'image') as { data: string; mimeType: string };
    expect(image.mimeType).toBe('image/png');
    expect([...Buffer.from(image.data, 'base64').subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const structured = result.structuredContent as { chart: string; results: string; label: string };
    expect(structured.chart).toMatch(/^troupe:\/\/charts\/[0-9a-f]{16}$/);
    expect(structured.label).toMatch(/synthetic/i);
    const read = await client.readResource({ uri: structured.chart });
    const blob = read.contents[0] as { blob: string; mimeType: string };
    expect(blob.mimeType).toBe('image/png');
    expect(blob.blob).toBe(image.data);
  });

  it('brainstorms in a new thread with persona messages', async () => {
    const result = await call('brainstorm', { panel: 'lagos', topic: 'features for commuting nurses', rounds: 1 });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { thread: string; messages: { persona: string }[] };
    expect(structured.thread).not.toBe(thread);
    expect(structured.messages.length).toBeGreaterThanOrEqual(personas.length);
  });

  it('summarizes a thread, labelled synthetic', async () => {
    const result = await call('summarize', { panel: 'lagos', thread });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { summary: string; label: string };
    expect(structured.summary.length).toBeGreaterThan(20);
    expect(structured.label).toMatch(/synthetic panel/i);
  });

  it('exports a thread as a resource link the client can read', async () => {
    const result = await call('export', { panel: 'lagos', format: 'md', thread });
    expect(result.isError, textOf(result)).toBeFalsy();
    const link = result.content.find((block) => block.type === 'resource_link') as { uri: string; mimeType: string };
    expect(link.uri).toMatch(/^troupe:\/\/exports\/[0-9a-f]{16}$/);
    const read = await client.readResource({ uri: link.uri });
    const text = (read.contents[0] as { text: string }).text;
    expect(text).toContain('What would make a bus-tracking app worth paying for?');
    expect(text).toMatch(/synthetic/i);
  });

  it('serves the panel, a persona as TinyTroupe JSON and the thread transcript as resources', async () => {
    const panel = JSON.parse(
      ((await client.readResource({ uri: 'troupe://panels/lagos' })).contents[0] as { text: string }).text,
    );
    expect(panel.personas.map((p: { id: string }) => p.id).sort()).toEqual(personas.map((p) => p.id).sort());
    const agent = JSON.parse(
      ((await client.readResource({ uri: personas[0].uri })).contents[0] as { text: string }).text,
    );
    expect(agent.type).toBe('TinyPerson');
    expect(agent.persona.name).toBe(personas[0].name);
    expect(agent.episodic_memory?.json_serializable_memory?.length ?? JSON.stringify(agent).length).toBeGreaterThan(0);
    const transcript = (await client.readResource({ uri: `troupe://threads/${thread}` })).contents[0] as {
      text: string;
    };
    expect(transcript.text).toContain('What would make a bus-tracking app worth paying for?');
    expect(transcript.text).toContain(followUpAnswer);
    expect(transcript.text).toContain(`**${personas[1].name}**`);
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain('troupe://panels/lagos');
  });

  it('lists and shows panels, adds TinyTroupe personas and reports usage', async () => {
    const list = (await call('list_panels', {})).structuredContent as { panels: { name: string; personas: number }[] };
    expect(list.panels).toEqual([expect.objectContaining({ name: 'lagos', personas: 3 })]);
    const added = await call('add_personas', {
      panel: 'lagos',
      personas: [
        { type: 'TinyPerson', persona: { name: 'Ifeoma Adeyemi', age: 41, occupation: { title: 'Midwife' } } },
      ],
    });
    expect(added.isError, textOf(added)).toBeFalsy();
    const shown = (await call('show_panel', { panel: 'lagos' })).structuredContent as {
      personas: { name: string; uri?: string }[];
    };
    expect(shown.personas.map((p) => p.name)).toContain('Ifeoma Adeyemi');
    expect(shown.personas.every((p) => p.uri?.startsWith('troupe://personas/'))).toBe(true);
    const usage = await call('usage', {});
    expect(usage.isError).toBeFalsy();
    expect((usage.structuredContent as { text: string }).text).toMatch(/\d/);
  });

  it('offers the concept-test and price-sensitivity prompts that chain the tools', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['concept_test', 'price_sensitivity']);
    const prompt = await client.getPrompt({
      name: 'concept_test',
      arguments: { concept: 'a bus-tracking app', audience: 'nurses in Lagos' },
    });
    const text = (prompt.messages[0].content as { text: string }).text;
    for (const tool of ['create_panel', 'ask_panel', 'follow_up', 'poll', 'summarize']) expect(text).toContain(tool);
  });

  it('forks the first thread with a changed question, then diffs the fork against its parent', async () => {
    const forked = await call('fork', {
      panel: 'lagos',
      thread,
      stimulus: 'Would a bus-tracking app be worth ₦2,000 a month?',
    });
    expect(forked.isError, textOf(forked)).toBeFalsy();
    const fork = forked.structuredContent as {
      thread: string;
      parent: string;
      answers: { persona: string; text: string }[];
      label: string;
    };
    expect(fork.parent).toBe(thread);
    expect(fork.thread).toMatch(/^t[0-9a-f]{12}$/);
    expect(fork.thread).not.toBe(thread);
    expect(fork.answers.length).toBeGreaterThanOrEqual(personas.length);
    for (const answer of fork.answers) expect(answer.text.trim().length).toBeGreaterThan(0);
    expect(fork.label).toMatch(/synthetic/i);
    const compared = await call('diff', { panel: 'lagos', thread: fork.thread });
    expect(compared.isError, textOf(compared)).toBeFalsy();
    expect((compared.structuredContent as { report: string }).report.length).toBeGreaterThan(20);
  });

  it('passes method ssr through to the poll, which says it needs an embeddings endpoint on this model', async () => {
    const result = await call('poll', {
      panel: 'lagos',
      kind: 'likert',
      question: 'I would pay for live bus times.',
      method: 'ssr',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/embedding/i);
  });

  it('scores the panel against a survey CSV beside the two baselines', async () => {
    const rows = ['respondent_id,gender,I trust my neighbours,Would you pay for a bus pass?'];
    for (let i = 0; i < 30; i++)
      rows.push(`${i + 1},${i % 2 ? 'female' : 'male'},${(i % 5) + 1},${i % 3 ? 'yes' : 'no'}`);
    const result = await call('fidelity', {
      panel: 'lagos',
      csv: rows.join('\n'),
      questions: ['I trust my neighbours', 'Would you pay for a bus pass?'],
      segments: ['gender'],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const report = (result.structuredContent as { report: string }).report;
    expect(report).toContain('30 respondents, 2 questions');
    expect(report).toMatch(/uniform-random answerer: mean JSD \d\.\d\d/);
    expect(report).toMatch(/always the majority: mean JSD \d\.\d\d/);
  });
});
