import { describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/reply.js';
import { factoryScript } from '../doubles/factory-script.js';
import { ScriptedModel } from '../doubles/scripted-model.js';
import { CONVERSATION, makeService, run } from './harness.js';

const ANCHORS = ['No trust', 'Little trust', 'Some trust', 'Much trust', 'Complete trust'];
const texts = (posts: { reply: Reply }[]) =>
  posts.flatMap((entry) => (entry.reply.kind === 'text' ? [entry.reply.text] : []));

describe('/poll likert --method ssr --anchors through the command service (scripted model)', () => {
  it('rates each free-text answer against the given anchors, asks the model for none, and says which were used', async () => {
    const model = new ScriptedModel({
      ...factoryScript(),
      'poll.ssr.answer': { answer: 'Much trust' },
    });
    // One dimension per anchor: an answer that says "Much trust" is the 4th anchor's vector.
    model.embed = async (texts) => texts.map((text) => ANCHORS.map((anchor) => (anchor === text ? 1 : 0)));
    const { service, sink } = makeService({ model });
    await run(service, '/panel create 4 teachers and nurses --name staff');
    await run(service, `/poll likert "I trust my neighbours" --method ssr --anchors "${ANCHORS.join('|')}"`);
    expect(model.calls('poll.ssr.anchors')).toHaveLength(0);
    expect(model.calls('poll.ssr.answer')).toHaveLength(4);
    const tally = texts(sink.posts).find((text) => text.startsWith('Poll: I trust my neighbours'))!;
    expect(tally).toContain('(n=4)');
    expect(tally).toContain('Method: SSR');
    expect(tally).toContain(`Anchors: ${ANCHORS.map((anchor, index) => `${index + 1} "${anchor}"`).join('; ')}`);
    // Similarities [0, 0, 0, 1, 0]: minus the lowest, ε = 0.01 at the first lowest, normalised → point 4 gets 1/1.01.
    expect(tally).toMatch(/\n\s*4: [\d.]+ \(99%/);
    expect(tally).toMatch(/\n\s*1: [\d.]+ \(1%/);
  });

  it('refuses anchors that do not match the scale, with an example', async () => {
    const { service, sink } = makeService();
    await service.handle(CONVERSATION, '/poll likert "I trust it" --method ssr --anchors "low|high"');
    const error = texts(sink.posts).at(-1)!;
    expect(error).toContain('--anchors takes 5 statements separated by |');
    expect(error).toContain('/poll');
  });
});
