import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAvatarServer } from '../../../adapters/shared/avatar-route.js';
import { close, listen } from '../../../adapters/shared/http-listen.js';
import { PersonaAvatars } from '../../../adapters/shared/persona-avatars.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#c33"/></svg>';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('shared avatar server (no chat SDK): /avatars/<personaId>.png?t=<tenant>', () => {
  const store = new MemoryStore();
  const server = createAvatarServer(new PersonaAvatars(store, 'https://troupe.example.test'));
  let base = '';
  let personaId = '';

  beforeAll(async () => {
    const panel = await store.createPanel('discord:1', { name: 'p', description: 'd', meta: {} });
    const [persona] = await store.addPersonas('discord:1', panel.id, [
      {
        name: 'Ada',
        avatar: `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`,
        spec: { name: 'Ada' },
      },
    ]);
    personaId = persona.id;
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(() => close(server));

  it("serves the tenant's persona avatar rasterised to PNG, and HEAD without a body", async () => {
    const got = await fetch(`${base}/avatars/${personaId}.png?t=discord%3A1`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await got.arrayBuffer()).slice(0, 4)]).toEqual(PNG_SIGNATURE);
    const head = await fetch(`${base}/avatars/${personaId}.png?t=discord%3A1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it("404s another tenant's lookup, an unknown persona and any other path", async () => {
    const statuses = await Promise.all(
      [
        `/avatars/${personaId}.png?t=discord%3A2`,
        `/avatars/${personaId}.png`,
        '/avatars/nobody.png?t=discord%3A1',
        '/',
      ].map(async (path) => (await fetch(`${base}${path}`)).status),
    );
    expect(statuses).toEqual([404, 404, 404, 404]);
  });
});
