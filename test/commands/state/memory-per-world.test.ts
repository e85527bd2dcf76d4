import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../commands/reply.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run } from '../harness.js';
import { RecordingModel } from '../../doubles/recording-model.js';

const PRIVATE: Conversation = { ...CONVERSATION, channelKey: 'C-private' };
const PUBLIC: Conversation = { ...CONVERSATION, channelKey: 'C-public' };
const WINDOW = { prefix: 10, recent: 390, semantic: 500 };

async function panelInTwoChannels() {
  const model = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
  const harness = makeService({ model });
  await run(harness.service, '/panel create 3 US parents --name parents', PRIVATE);
  await run(harness.service, '/panel seat parents', PUBLIC);
  return { ...harness, model };
}

async function memoryText(store: ReturnType<typeof makeService>['store'], channel: Conversation) {
  const world = (await store.getWorld(channel.tenantId, channel.channelKey))!;
  return JSON.stringify(await store.loadMemories(channel.tenantId, world.id, WINDOW));
}

describe('memory belongs to a (persona, world) pair (defect 1)', () => {
  it('what is said in a private channel never reaches the prompts of the same personas in a public one', async () => {
    const { service, model } = await panelInTwoChannels();
    await run(service, '/panel ask "Our unreleased codename is Zebrafish: would you pay for it?"', PRIVATE);
    const from = model.requests.length;
    await run(service, '/panel ask "Would you pay for meal kits?"', PUBLIC);
    const publicPrompts = model.promptsSince(from);
    expect(publicPrompts).toContain('meal kits');
    expect(publicPrompts).not.toContain('Zebrafish');
  });

  it('two channels asking at once both keep their memories (no last-save-wins)', async () => {
    const { service, store } = await panelInTwoChannels();
    await Promise.all([
      service.handle(PRIVATE, '/panel ask "Would you pay for grocery delivery?"'),
      service.handle(PUBLIC, '/panel ask "Would you pay for meal kits?"'),
    ]);
    await service.whenIdle();
    const privateMemory = await memoryText(store, PRIVATE);
    const publicMemory = await memoryText(store, PUBLIC);
    expect(privateMemory).toContain('grocery delivery');
    expect(privateMemory).not.toContain('meal kits');
    expect(publicMemory).toContain('meal kits');
    expect(publicMemory).not.toContain('grocery delivery');
  });

  it('a panel seated in a new channel starts from its own state, and a fragment merge reaches every world', async () => {
    const { service, store, model } = await panelInTwoChannels();
    await run(service, '/panel ask "Would you pay for grocery delivery?"', PRIVATE);
    await run(service, '/panel add price-sensitive-skeptic', PRIVATE);
    const third: Conversation = { ...CONVERSATION, channelKey: 'C-third' };
    await run(service, '/panel seat parents', third);
    const from = model.requests.length;
    await run(service, '/panel ask "Would you try a new app?"', third);
    expect(model.promptsSince(from)).not.toContain('grocery delivery');
    const personas = await store.listPersonas(CONVERSATION.tenantId, (await store.getPanel('T1', 'parents'))!.id);
    expect(
      personas.every((persona) => persona.state === undefined || !JSON.stringify(persona.state).includes('grocery')),
    ).toBe(true);
    expect(await memoryText(store, third)).toContain('new app');
  });
});
