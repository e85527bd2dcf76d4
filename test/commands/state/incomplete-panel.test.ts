import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { makeService, run } from '../harness.js';
import { FailingTurnsModel } from './failing-model.js';

describe('a /panel create that fails part-way keeps what it made (defect 10)', () => {
  it('keeps the personas as an incomplete panel, offers a command, a button and the cost, and completes it', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    model.failAfter.set('factory.persona', { calls: 3, failure: 'server_error' });
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 5 US parents --name parents');

    const panel = (await store.getPanel('T1', 'parents'))!;
    expect(panel.meta?.incomplete).toMatchObject({ missing: 2 });
    expect(await store.listPersonas('T1', panel.id)).toHaveLength(3);
    expect((await store.listJobs('T1', 1))[0].status).toBe('partial');
    const offer = sink.posts.find(
      (entry) => entry.reply.kind === 'text' && entry.reply.text.includes('is incomplete'),
    )!;
    const text = (offer.reply as { text: string }).text;
    expect(text).toMatch(/3 of 5 personas were made and are kept/);
    expect(text).toMatch(/\/panel complete parents \(~\d+ LLM calls.*~\$[\d.]+ for the 2 remaining\)/);
    const blocks = (offer.reply as { blocks?: { kind: string; buttons?: { value?: string }[] }[] }).blocks ?? [];
    expect(blocks.find((block) => block.kind === 'actions')?.buttons?.[0].value).toBe('/panel complete parents');
    expect(await store.getWorld('T1', 'C1')).toBeDefined();

    model.failAfter.clear();
    await run(service, '/panel complete parents');
    const completed = (await store.getPanel('T1', 'parents'))!;
    expect(completed.meta?.incomplete).toBeUndefined();
    const names = (await store.listPersonas('T1', panel.id)).map((persona) => persona.name);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    const again = await run(service, '/panel complete parents');
    expect((again.error as { code: string }).code).toBe('panel.complete');
  });
});
