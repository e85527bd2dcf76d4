import { describe, expect, it } from 'vitest';
import { unsupportedFacts } from '../../engine/agent/compact-profile/profile-facts.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import { PanelSession } from '../../commands/session/panel-session.js';
import { CONVERSATION, makeService, run } from './harness.js';

/** The demo model, keeping every request it was sent. */
class Recorder implements LanguageModel {
  readonly name = 'offline';
  readonly offline = true;
  readonly requests: CompletionRequest<unknown>[] = [];
  private readonly inner = new OfflineModel({ responders: allOfflineResponders() });
  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.requests.push(request as CompletionRequest<unknown>);
    return this.inner.complete(request);
  }
}

const pollPrompts = (model: Recorder) =>
  model.requests.filter((r) => r.task === 'poll.answer').map((r) => r.messages[0].content);

describe('compact profiles through the commands (LLM_COMPACT_PROFILE)', () => {
  it('writes one checked profile per persona at creation and answers polls from it with `poll` on', async () => {
    const model = new Recorder();
    const { service, store } = makeService({ model, limits: { compactProfile: ['poll', 'judge'] } });
    await run(service, '/panel create 3 nurses in Lagos who commute by bus --name lagos');
    const panel = await store.getPanel(CONVERSATION.tenantId, 'lagos');
    const personas = await store.listPersonas(CONVERSATION.tenantId, panel?.id ?? '');
    expect(personas).toHaveLength(3);
    expect(model.requests.filter((r) => r.task === 'persona.profile')).toHaveLength(3);
    for (const persona of personas) {
      expect(persona.profile).toBeTruthy();
      expect(unsupportedFacts(persona.profile ?? '', persona.spec)).toEqual([]);
    }
    await run(service, '/poll yesno "Would you pay for live bus times?"');
    const prompts = pollPrompts(model);
    expect(prompts).toHaveLength(3);
    for (const [i, prompt] of prompts.entries()) {
      expect(prompt).toContain('Your persona (a compact profile):');
      expect(personas.some((p) => prompt.includes(p.profile ?? '-'))).toBe(true);
      expect(prompt).not.toContain(JSON.stringify(personas[i].spec));
    }
  });

  it('writes no profile and polls on the full spec when no task reads profiles', async () => {
    const model = new Recorder();
    const { service, store } = makeService({ model, limits: { compactProfile: [] } });
    await run(service, '/panel create 2 nurses in Lagos --name lagos');
    const panel = await store.getPanel(CONVERSATION.tenantId, 'lagos');
    const personas = await store.listPersonas(CONVERSATION.tenantId, panel?.id ?? '');
    expect(model.requests.some((r) => r.task === 'persona.profile')).toBe(false);
    expect(personas.every((p) => p.profile === undefined)).toBe(true);
    await run(service, '/poll yesno "Would you pay for live bus times?"');
    for (const prompt of pollPrompts(model)) expect(prompt).toContain('Your persona:\n{"name":');
  });

  it('writes the profile of a persona added with /panel add', async () => {
    const model = new Recorder();
    const { service, store } = makeService({ model, limits: { compactProfile: ['judge'] } });
    await run(service, '/panel create 1 nurses in Lagos --name lagos');
    await run(service, '/panel add amara-okafor --panel lagos');
    const panel = await store.getPanel(CONVERSATION.tenantId, 'lagos');
    const added = (await store.listPersonas(CONVERSATION.tenantId, panel?.id ?? '')).find((p) =>
      p.name.startsWith('Amara'),
    );
    expect(added?.profile).toContain('Amara');
    expect(unsupportedFacts(added?.profile ?? '', added?.spec ?? { name: '-' })).toEqual([]);
  });

  it('seats personas that judges read from their compact profile with `judge` on, and from the spec without', async () => {
    const model = new Recorder();
    const { service, store } = makeService({ model, limits: { compactProfile: ['judge'] } });
    await run(service, '/panel create 2 nurses in Lagos --name lagos');
    const panel = await store.getPanel(CONVERSATION.tenantId, 'lagos');
    const records = await store.listPersonas(CONVERSATION.tenantId, panel?.id ?? '');
    const judged = await PanelSession.open({ store, model, compactProfile: ['judge'] }, CONVERSATION);
    expect(judged.agents.map((agent) => agent.compactProfile)).toEqual(records.map((record) => record.profile));
    expect(judged.agents.every((agent) => (agent.compactProfile ?? '').length > 0)).toBe(true);
    const full = await PanelSession.open({ store, model, compactProfile: ['poll'] }, CONVERSATION);
    expect(full.agents.map((agent) => agent.compactProfile)).toEqual([undefined, undefined]);
  });
});
