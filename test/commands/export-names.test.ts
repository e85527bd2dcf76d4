import { describe, expect, it } from 'vitest';
import { exportNamesAllowed } from '../../commands/export-settings/export-names.js';
import { CONVERSATION, makeService, run } from './harness.js';

describe('/config export-names', () => {
  it('is off by default, turns on and off per workspace, and says which it is', async () => {
    const { service, sink, store } = makeService();
    expect(await exportNamesAllowed(store, CONVERSATION.tenantId)).toBe(false);
    await run(service, '/config export-names');
    expect(sink.texts().at(-1)).toContain('Export names is off');
    await run(service, '/config export-names ON');
    expect(await exportNamesAllowed(store, CONVERSATION.tenantId)).toBe(true);
    expect(await exportNamesAllowed(store, 'another-workspace')).toBe(false);
    await run(service, '/config export-names');
    expect(sink.texts().at(-1)).toContain('Export names is on');
    await run(service, '/config export-names off');
    expect(await exportNamesAllowed(store, CONVERSATION.tenantId)).toBe(false);
  });

  it('refuses anything but on or off, with an example', async () => {
    const { service, sink, store } = makeService();
    await service.handle(CONVERSATION, '/config export-names maybe');
    expect(sink.texts().at(-1)).toContain('export-names takes on or off, e.g. /config export-names on.');
    expect(await exportNamesAllowed(store, CONVERSATION.tenantId)).toBe(false);
  });

  it('a name given with a vote is not kept while names are off', async () => {
    const { service, store } = makeService();
    await run(service, '/panel create 2 US adults');
    await run(service, '/poll yesno "Pay?" --with-people');
    await service.handle({ ...CONVERSATION, userId: 'U7', userName: 'grace' }, '/vote yes');
    const poll = (await store.listPeoplePolls(CONVERSATION.tenantId, CONVERSATION.channelKey))[0];
    expect(await store.getValue(CONVERSATION.tenantId, `people-poll-names:${poll.id}`)).toBeUndefined();
    await run(service, '/config export-names on');
    await service.handle({ ...CONVERSATION, userId: 'U7', userName: 'grace' }, '/vote no');
    expect(await store.getValue(CONVERSATION.tenantId, `people-poll-names:${poll.id}`)).toEqual({ U7: 'grace' });
  });
});
