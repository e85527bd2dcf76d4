import { describe, expect, it } from 'vitest';
import type { Conversation, Reply } from '../../../../commands/reply.js';
import { givenNameGender } from '../../../../engine/factory/name-tables.js';
import { CONVERSATION, makeService, run } from '../../../commands/harness.js';

/**
 * The offline DEMO model, tried as a newcomer would in the local chat: it must not contradict itself. These tests
 * are about the demo's canned answers (not engine behaviour): answers follow the current question, and the
 * description, place, gender and interests of a persona are honoured and stay the same everywhere it appears.
 */
type Post = { conversation: Conversation; reply: Reply };
/** What personas said (in one thread, or anywhere). */
const personaTexts = (posts: Post[], thread?: string) =>
  posts.flatMap(({ conversation, reply }) =>
    reply.kind === 'text' &&
    reply.speaker?.kind === 'persona' &&
    (thread === undefined || conversation.threadKey === thread)
      ? [{ name: reply.speaker.name, text: reply.text }]
      : [],
  );

async function personasOf(harness: ReturnType<typeof makeService>, panelName: string) {
  const panel = (await harness.store.getPanel(CONVERSATION.tenantId, panelName))!;
  return harness.store.listPersonas(CONVERSATION.tenantId, panel.id);
}

describe('the offline demo model stays consistent', () => {
  it('answers the current question, not the previous one (meal kit at $10, then delivery)', async () => {
    const harness = makeService();
    await run(harness.service, '/panel create 3 US parents --name parents');
    await run(harness.service, '/panel ask Would you pay $10 for a meal kit?');
    await run(harness.service, '/panel ask Is delivery important to you?');
    const threads = harness.sink.posts.filter(({ reply }) => reply.kind !== 'progress' && reply.opensThread);
    const second = personaTexts(harness.sink.posts, threads[1].messageId);
    expect(second).toHaveLength(3);
    for (const { text } of second) {
      expect(text).toMatch(/delivery/i);
      expect(text).not.toMatch(/meal kit|\$10/i);
    }
  });

  it('/panel add a young mother in Texas writes a young woman who lives in Texas', async () => {
    const harness = makeService();
    await run(harness.service, '/panel create 2 US parents --name parents');
    await run(harness.service, '/panel add a young mother in Texas');
    const added = (await personasOf(harness, 'parents')).at(-1)!;
    expect(added.spec.gender).toBe('Female');
    expect(Number(added.spec.age)).toBeLessThanOrEqual(34);
    expect(JSON.stringify(added.spec.residence)).toMatch(/Texas/);
    expect(JSON.stringify(added.spec.occupation)).not.toMatch(/Retired|Student/);
    expect(givenNameGender(added.name)).toBe('female');
  });

  it('"retired teachers in Ohio" all live in Ohio', async () => {
    const harness = makeService();
    await run(harness.service, '/panel create 6 retired teachers in Ohio --name ohio');
    const personas = await personasOf(harness, 'ohio');
    expect(personas).toHaveLength(6);
    for (const persona of personas) expect(JSON.stringify(persona.spec.residence)).toMatch(/Ohio/);
  });

  it('gives every persona a name of its gender (no Female "Andrew")', async () => {
    const harness = makeService();
    await run(harness.service, '/panel create 12 US adults --name adults');
    for (const description of ['a retired man in Boston', 'a nurse in Lagos', 'a 40-year-old father in Leeds']) {
      await run(harness.service, `/panel add ${description}`);
    }
    const personas = await personasOf(harness, 'adults');
    expect(personas).toHaveLength(15);
    const mismatched = personas.filter((persona) => {
      const fromName = givenNameGender(persona.name);
      return fromName !== undefined && fromName !== String(persona.spec.gender).toLowerCase();
    });
    expect(mismatched.map((persona) => `${persona.name} (${persona.spec.gender})`)).toEqual([]);
    expect(personas.at(-1)?.spec.gender).toBe('Male');
  });

  it('a persona is "into" the same thing in the roster and in the brainstorm', async () => {
    const harness = makeService();
    await run(harness.service, '/panel create 4 US parents --name parents');
    await run(harness.service, '/brainstorm features for a meal kit app --rounds 2');
    const roster = new Map(
      (await personasOf(harness, 'parents')).map((persona) => {
        const interests = (persona.spec.preferences as { interests?: string[] } | undefined)?.interests ?? [];
        return [persona.name, interests[0]?.toLowerCase() ?? ''];
      }),
    );
    const claims = personaTexts(harness.sink.posts).flatMap(({ name, text }) =>
      [...text.matchAll(/I am really into ([^;,.]+)|I care about ([^;,.]+)/g)].map((match) => ({
        name,
        interest: (match[1] ?? match[2]).trim().toLowerCase(),
      })),
    );
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect([claim.name, claim.interest]).toEqual([claim.name, roster.get(claim.name)]);
  });
});
