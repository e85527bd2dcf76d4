import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/ports.js';
import { UserInputError } from '../../engine/errors.js';
import { A, persona, talk } from './store-fixtures.js';
import { registerIsolationTests, registerJobPostTests, registerWorldTests } from './store-contract-cases.js';
import { registerMemoryTests } from './store-contract-memory.js';
import { registerPeoplePollTests } from './store-contract-people-polls.js';
import { registerForkTests } from './store-contract-forks.js';

/** Creates a fresh, empty store for one test and disposes of it afterwards. */
export interface StoreFactory {
  open(): Promise<Store>;
  dispose?(): Promise<void>;
}

/**
 * The store contract: every `Store` implementation must pass it.
 *
 * @example
 *   runStoreContract('MemoryStore', { open: async () => new MemoryStore() });
 */
export function runStoreContract(label: string, factory: StoreFactory): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
      await factory.dispose?.();
    });

    describe('tenants', () => {
      it('creates a tenant once and merges later details', async () => {
        expect(await store.ensureTenant({ id: A, platform: 'slack' })).toEqual({ id: A, platform: 'slack' });
        expect(await store.ensureTenant({ id: A, platform: 'slack', name: 'Acme' })).toEqual({
          id: A,
          platform: 'slack',
          name: 'Acme',
        });
        expect(await store.ensureTenant({ id: A, platform: 'slack' })).toEqual({
          id: A,
          platform: 'slack',
          name: 'Acme',
        });
      });
    });

    describe('panels', () => {
      it('creates, reads, lists, updates and rejects duplicate names', async () => {
        await store.ensureTenant({ id: A, platform: 'local' });
        const panel = await store.createPanel(A, {
          name: 'parents',
          description: 'US parents',
          meta: { dims: ['age'] },
        });
        expect(panel).toMatchObject({
          tenantId: A,
          name: 'parents',
          description: 'US parents',
          meta: { dims: ['age'] },
        });
        expect(typeof panel.id).toBe('string');
        expect(Number.isNaN(Date.parse(panel.createdAt))).toBe(false);
        expect(await store.getPanel(A, 'parents')).toEqual(panel);
        expect(await store.getPanelById(A, panel.id)).toEqual(panel);
        expect(await store.getPanel(A, 'nobody')).toBeUndefined();

        const dup = await store.createPanel(A, { name: 'parents', description: 'again' }).catch((e: unknown) => e);
        expect(dup).toBeInstanceOf(UserInputError);
        expect((dup as UserInputError).code).toBe('panel.exists');

        await store.createPanel(A, { name: 'gamers', description: 'EU gamers' });
        expect((await store.listPanels(A)).map((p) => p.name)).toEqual(['gamers', 'parents']);

        await store.updatePanel(A, panel.id, { weights: { p1: 0.5 }, description: 'aligned' });
        expect(await store.getPanelById(A, panel.id)).toMatchObject({
          description: 'aligned',
          weights: { p1: 0.5 },
          meta: { dims: ['age'] },
        });
      });

      it('copies values in and out (callers cannot mutate stored rows)', async () => {
        const meta = { dims: ['age'] };
        const panel = await store.createPanel(A, { name: 'p', description: '', meta });
        meta.dims.push('mutated');
        panel.meta!.extra = 1;
        expect((await store.getPanel(A, 'p'))!.meta).toEqual({ dims: ['age'] });
      });

      it('deletes a panel with its personas, worlds and events', async () => {
        const panel = await store.createPanel(A, { name: 'doomed', description: '' });
        await store.addPersonas(A, panel.id, [persona('Ada')]);
        const world = await store.seatPanel(A, 'C1', panel.id);
        await store.appendEvents(A, world.id, [talk('Ada', 'hi')]);
        const keeper = await store.createPanel(A, { name: 'keeper', description: '' });
        await store.addPersonas(A, keeper.id, [persona('Bo')]);

        expect(await store.deletePanel(A, 'doomed')).toBe(true);
        expect(await store.deletePanel(A, 'doomed')).toBe(false);
        expect(await store.getPanel(A, 'doomed')).toBeUndefined();
        expect(await store.listPersonas(A, panel.id)).toEqual([]);
        expect(await store.listPersonaNames(A)).toEqual(['Bo']);
        expect(await store.getWorld(A, 'C1')).toBeUndefined();
        expect(await store.listEvents(A, world.id)).toEqual([]);
        // The name is free again.
        expect((await store.createPanel(A, { name: 'doomed', description: '' })).name).toBe('doomed');
      });
    });

    describe('personas', () => {
      it('adds in order, keeps unknown spec fields, lists names and saves state', async () => {
        const panel = await store.createPanel(A, { name: 'p', description: '' });
        const added = await store.addPersonas(A, panel.id, [
          persona('Zed'),
          persona('Ada'),
          { name: 'Mo', spec: { name: 'Mo' } },
        ]);
        expect(added.map((p) => p.name)).toEqual(['Zed', 'Ada', 'Mo']);
        expect(added[0]).toMatchObject({ tenantId: A, panelId: panel.id, avatar: 'https://example.test/Zed.png' });
        expect(added[2].avatar).toBeUndefined();
        const listed = await store.listPersonas(A, panel.id);
        expect(listed).toEqual(added);
        expect(listed[0].spec.projects).toEqual(['kept']);

        const other = await store.createPanel(A, { name: 'q', description: '' });
        await store.addPersonas(A, other.id, [persona('Bea'), persona('Ada')]);
        expect(await store.listPersonaNames(A)).toEqual(['Ada', 'Bea', 'Mo', 'Zed']);

        await store.savePersonaState(A, added[1].id, { memory: ['hello'], cognitive: { emotions: 'calm' } });
        const after = await store.listPersonas(A, panel.id);
        expect(after[1].state).toEqual({ memory: ['hello'], cognitive: { emotions: 'calm' } });
        expect(after[0].state).toBeUndefined();

        const changed = { ...after[1].spec, beliefs: ['Buy local when possible.'] };
        await store.savePersonaState(A, added[1].id, { memory: [] }, changed);
        const updated = (await store.listPersonas(A, panel.id))[1];
        expect(updated.spec).toEqual(changed);
        expect(updated.state).toEqual({ memory: [] });
      });

      it('keeps the compact profile until the spec changes', async () => {
        const panel = await store.createPanel(A, { name: 'p', description: '' });
        const [ada, bo] = await store.addPersonas(A, panel.id, [
          { ...persona('Ada'), profile: 'Ada, 41, a nurse in Lagos.' },
          persona('Bo'),
        ]);
        expect(ada.profile).toBe('Ada, 41, a nurse in Lagos.');
        expect(bo.profile).toBeUndefined();
        await store.savePersonaState(A, ada.id, { memory: ['hi'] });
        expect((await store.listPersonas(A, panel.id))[0].profile).toBe('Ada, 41, a nurse in Lagos.');
        await store.savePersonaState(A, ada.id, { memory: [] }, { ...ada.spec, age: 42 });
        expect((await store.listPersonas(A, panel.id))[0].profile).toBeUndefined();
      });

      it('refuses personas for a missing panel', async () => {
        await expect(store.addPersonas(A, 'missing', [persona('Ada')])).rejects.toMatchObject({
          code: 'panel.not_found',
        });
        await expect(store.savePersonaState(A, 'missing', {})).rejects.toMatchObject({ code: 'persona.not_found' });
      });
    });

    registerWorldTests(() => store);
    registerJobPostTests(() => store);
    registerIsolationTests(() => store);
    registerMemoryTests(() => store);
    registerPeoplePollTests(() => store);
    registerForkTests(() => store);
  });
}
