import { Resvg } from '@resvg/resvg-js';
import type { PanelStore, PersonaStore } from '../../engine/store/ports.js';

/** The PNG bytes of an avatar data URI (SVG is rasterized; PNG is decoded); undefined for anything else. */
export function avatarToPng(avatar: string, size = 128): Buffer | undefined {
  const match = /^data:(image\/(?:svg\+xml|png))(;base64)?,(.*)$/s.exec(avatar);
  if (!match) return undefined;
  const bytes = match[2] ? Buffer.from(match[3], 'base64') : Buffer.from(decodeURIComponent(match[3]), 'utf8');
  if (match[1] === 'image/png') return bytes;
  const resvg = new Resvg(bytes.toString('utf8'), {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  });
  return Buffer.from(resvg.render().asPng());
}

/**
 * Persona avatars for every chat platform. Stored avatars are data URIs, which Slack and Discord cannot show, so a post
 * links `<public URL>/avatars/<personaId>.png?t=<tenant>`, served by `png()` through `serveAvatar`. An https avatar is
 * used as is; without a public URL there is no image URL (each platform picks its fallback). Rendered PNGs are kept in
 * a small per-instance cache. No chat SDK here.
 *
 * @example
 *   const avatars = new PersonaAvatars(store, 'https://troupe.example.com');
 *   avatars.imageUrl('slack:T1', { name: 'Ada', personaId: 'p1', avatar }); // 'https://…/avatars/p1.png?t=slack%3AT1'
 */
export class PersonaAvatars {
  private readonly cache = new Map<string, Buffer>();
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly store: PanelStore & PersonaStore,
    private readonly publicUrl?: string,
  ) {}

  /** A URL a chat platform can fetch for this persona's avatar, if any. */
  imageUrl(tenantId: string, persona: { name: string; personaId?: string; avatar?: string }): string | undefined {
    if (persona.avatar && /^https:\/\//.test(persona.avatar)) return persona.avatar;
    if (!this.publicUrl || !persona.personaId) return undefined;
    return `${this.publicUrl.replace(/\/+$/, '')}/avatars/${encodeURIComponent(persona.personaId)}.png?t=${encodeURIComponent(tenantId)}`;
  }

  /** Persona ids by name for a tenant (the roster block carries names, not ids). */
  async idsByName(tenantId: string): Promise<Map<string, { id: string; avatar?: string }>> {
    const byName = new Map<string, { id: string; avatar?: string }>();
    for (const panel of await this.store.listPanels(tenantId)) {
      for (const persona of await this.store.listPersonas(tenantId, panel.id))
        byName.set(persona.name, { id: persona.id, avatar: persona.avatar });
    }
    return byName;
  }

  /** The PNG for `/avatars/<personaId>.png?t=<tenant>`; undefined when the tenant has no such persona. */
  async png(tenantId: string, personaId: string): Promise<Buffer | undefined> {
    const key = `${tenantId}|${personaId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    // The endpoint is public: a miss is remembered for a minute so unknown ids cannot make it read the store each time.
    const missedAt = this.misses.get(key);
    if (missedAt !== undefined && Date.now() - missedAt < 60_000) return undefined;
    const png = await this.lookUp(tenantId, personaId, key);
    if (!png) {
      if (this.misses.size >= 1000) this.misses.delete(this.misses.keys().next().value as string);
      this.misses.set(key, Date.now());
    }
    return png;
  }

  private async lookUp(tenantId: string, personaId: string, key: string): Promise<Buffer | undefined> {
    for (const panel of await this.store.listPanels(tenantId)) {
      const persona = (await this.store.listPersonas(tenantId, panel.id)).find(
        (candidate) => candidate.id === personaId,
      );
      if (!persona?.avatar) continue;
      const png = avatarToPng(persona.avatar);
      if (!png) return undefined;
      if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, png);
      return png;
    }
    return undefined;
  }
}
