import { describe, expect, it } from 'vitest';
import type { Action } from '../../../../engine/agent/events.js';
import { steeringOfflineResponders, validationOfflineResponders } from '../../../../engine/llm/offline/index.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import type { CompletionRequest } from '../../../../engine/llm/port.js';
import { TinyStory, varietyIntervention } from '../../../../engine/steering/index.js';
import {
  ActionCorrector,
  TinyPersonValidator,
  actionPropositions,
  personaAdherence,
} from '../../../../engine/validation/index.js';
import { ScriptedAgent, ScriptedWorld, talk, think } from '../../../doubles/scripted-agent.js';

/** These tests are of the offline demo model's judges, examiner and storyteller: what `npm start` shows without a key. */

const lisa = () =>
  new ScriptedAgent(
    { name: 'Lisa', occupation: { title: 'Data scientist' }, preferences: { interests: ['cooking'] } },
    { turns: [(heard) => [talk(`About "${heard}": I am a data scientist and I love cooking.`)]] },
  );

function lisaWithHistory(events = 3): ScriptedAgent {
  const agent = new ScriptedAgent({
    name: 'Lisa',
    occupation: { title: 'Data scientist' },
    preferences: { interests: ['machine learning', 'cooking'] },
  });
  for (let i = 0; i < events; i++) {
    agent.listen(`Question number ${i} about kitchens`, 'facilitator');
    agent.record(talk(`Answer number ${i} about recipes`));
  }
  return agent;
}

function office() {
  const world = new ScriptedWorld('Office', [new ScriptedAgent('Lisa'), new ScriptedAgent('Oscar')]);
  world.say('Lisa', 'The gazpacho report is nearly done.');
  return world;
}

describe('offline demo model: judges, examiner and stories', () => {
  it('variety with a model asks the judge with the offline responders', async () => {
    const model = new OfflineModel({ responders: steeringOfflineResponders });
    const lisa = new ScriptedAgent('Lisa');
    const world = new ScriptedWorld('Room', [lisa]);
    for (const idea of ['bike sharing app', 'bike sharing app for kids', 'bike sharing app for kids and parents'])
      lisa.record(talk(idea));
    const variety = varietyIntervention(lisa, { model });
    expect(await variety.evaluate(world, 1)).toBe(true);
    expect(variety.firings[0].justification).toMatch(/repeats/);
  });

  it('offline continuation mentions the agents and the requirements', async () => {
    const model = new OfflineModel({ responders: steeringOfflineResponders });
    const story = new TinyStory(office(), { model, purpose: 'Office life.' });
    const start = await story.start();
    expect(start).toContain('Lisa and Oscar');
    const next = await story.continue('A storm closes the office.', { plotTwist: true });
    expect(next).toContain('A storm closes the office.');
    expect(next).toContain('Lisa and Oscar');
    expect(next).toContain('gazpacho report');
  });
  it('offline examiner rewards answers that match the expectations', async () => {
    const model = new OfflineModel({ responders: validationOfflineResponders });
    const validator = new TinyPersonValidator({ model });
    const good = await validator.validate(lisa(), 'Someone who loves cooking.');
    const bad = await validator.validate(
      new ScriptedAgent('Bob', { turns: [[talk('No comment.')]] }),
      'Someone who loves cooking.',
    );
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.rounds.length).toBeGreaterThan(0);
  });
  it('offline judge scores persona-flavoured actions higher', async () => {
    const model = new OfflineModel({ responders: validationOfflineResponders });
    const agent = new ScriptedAgent({
      name: 'Lisa',
      occupation: { title: 'Data scientist' },
      preferences: { interests: ['machine learning', 'cooking'] },
    });
    const adherence = actionPropositions['persona-adherence'](agent, { model });
    const inCharacter = await adherence.score({
      action: talk('As a data scientist I would apply machine learning to cooking.'),
    });
    const generic = await adherence.score({ action: talk('Sure, happy to help with anything you need!') });
    expect(inCharacter.value).toBeGreaterThan(generic.value);
    expect(generic.value).toBeLessThan(5);
    const whole = await personaAdherence(agent, { model }).check();
    expect(typeof whole.value).toBe('boolean');
  });
  it('reaches the same verdicts as per-check mode on the offline judge, in fewer calls', async () => {
    const turn: Action[] = [
      think('Machine learning could plan cooking'),
      talk('Answer number 2 about recipes'),
      talk('Nothing much'),
    ];
    const results = await Promise.all(
      (['batched', 'per-check'] as const).map(async (mode) => {
        const requests: string[] = [];
        const offline = new OfflineModel({ responders: validationOfflineResponders });
        const model = {
          name: offline.name,
          offline: true,
          complete: (r: CompletionRequest<unknown>) => {
            requests.push(r.task);
            return offline.complete(r);
          },
        } as unknown as OfflineModel;
        const review = await new ActionCorrector({ model, mode }).review(lisaWithHistory(), turn);
        return {
          calls: requests.length,
          scores: review.outcomes.map((o) => `${o.actionIndex}:${o.check}:${o.score}`).sort(),
        };
      }),
    );
    expect(results[0].scores).toEqual(results[1].scores);
    expect(new Set(results[0].scores.map((s) => s.split(':')[2])).size).toBeGreaterThan(1);
    expect(results[0].calls).toBe(1);
    expect(results[1].calls).toBe(12);
  });
});
