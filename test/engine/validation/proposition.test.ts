import { describe, expect, it } from 'vitest';
import { TroupeError } from '../../../engine/errors.js';
import { Proposition, divergence } from '../../../engine/validation/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, ScriptedWorld, talk } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

function agentWithHistory(count: number): ScriptedAgent {
  const agent = new ScriptedAgent({ name: 'Lisa', occupation: { title: 'Data scientist' } });
  for (let i = 1; i <= count; i++) agent.record(talk(`message number ${i}`));
  return agent;
}

const okScore = () => ({ value: 7, justification: 'fine' });
const okCheck = () => ({ value: true, justification: 'holds', confidence: 0.8 });

describe('Proposition', () => {
  it('sends the filled claim and only the first N + last N events', async () => {
    const model = new ScriptedModel({ 'proposition.check': okCheck }, FIXED_USAGE);
    const agent = agentWithHistory(20);
    const p = new Proposition('{{name}} talked about {{topic}}.', agent, { model, firstN: 2, lastN: 3 });
    const result = await p.check({ name: 'Lisa', topic: 'bikes' });
    expect(result).toMatchObject({ value: true, justification: 'holds', confidence: 0.8, skipped: false });
    const prompt = model.requests[0].messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('Lisa talked about bikes.');
    for (const n of [1, 2, 18, 19, 20]) expect(prompt).toContain(`message number ${n}\n`.trimEnd());
    for (const n of [3, 10, 17]) expect(prompt).not.toMatch(new RegExp(`message number ${n}$`, 'm'));
    expect(prompt).toContain('15 events omitted');
    expect(prompt.indexOf('message number 2')).toBeLessThan(prompt.indexOf('omitted'));
    expect(prompt.lastIndexOf('## Claim')).toBeGreaterThan(prompt.indexOf('message number 20'));
    expect(model.requests[0].task).toBe('proposition.check');
  });

  it('fills {{action}} with a readable action and includes personas on request', async () => {
    const model = new ScriptedModel({ 'proposition.score': okScore }, FIXED_USAGE);
    const agent = agentWithHistory(1);
    const p = new Proposition('THE NEXT ACTION: {{action}}', agent, { model, includePersonas: true });
    const result = await p.score({ action: talk('I would build a bike app', 'Oscar') });
    expect(result.value).toBe(7);
    const prompt = model.requests[0].messages[1].content;
    expect(prompt).toContain('THE NEXT ACTION: TALK → Oscar: "I would build a bike app"');
    expect(prompt).toContain('"Data scientist"');
    const without = new Proposition('x', agent, { model });
    expect(without.renderMessages('score')[1].content).not.toContain('Data scientist');
  });

  it('names missing template variables', () => {
    const p = new Proposition('{{who}} did {{what}}', agentWithHistory(0), {
      model: new ScriptedModel({}, FIXED_USAGE),
    });
    expect(() => p.renderClaim({ who: 'Lisa' })).toThrow(TroupeError);
    expect(() => p.renderClaim({ who: 'Lisa' })).toThrow(/\{\{what\}\}/);
  });

  it('short-circuits when the precondition does not hold', async () => {
    const model = new ScriptedModel({ 'proposition.check': okCheck, 'proposition.score': okScore }, FIXED_USAGE);
    const p = new Proposition('claim about {{action}}', agentWithHistory(2), {
      model,
      precondition: (_targets, vars) => (vars.action as { type: string }).type === 'TALK',
    });
    const skipped = await p.check({ action: { type: 'THINK', content: 'hmm', target: '' } });
    expect(skipped).toMatchObject({ value: true, skipped: true });
    expect((await p.score({ action: { type: 'THINK', content: 'hmm', target: '' } })).value).toBe(9);
    expect(model.requests).toHaveLength(0);
    await p.score({ action: talk('hello') });
    expect(model.requests).toHaveLength(1);
  });

  it('uses a world trajectory and all its personas for world targets', async () => {
    const model = new ScriptedModel({ 'proposition.score': okScore }, FIXED_USAGE);
    const world = new ScriptedWorld('Brainstorm', [new ScriptedAgent('Lisa'), new ScriptedAgent('Oscar')]);
    world.say('Lisa', 'an app for parents');
    world.say('Oscar', 'a smart umbrella');
    await divergence(world, { model }).score();
    const prompt = model.requests[0].messages[1].content;
    expect(prompt).toContain('World "Brainstorm" (agents: Lisa, Oscar)');
    expect(prompt).toContain('Oscar TALK: a smart umbrella');
    expect(prompt).toContain('THE DISCUSSION DIVERGES');
  });
});
