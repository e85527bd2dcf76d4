import type { PersonaAvatars } from '../shared/persona-avatars.js';
import { hashString } from '../../engine/util/random.js';

/** Emoji used as a persona's icon when no public URL can serve its avatar (Slack needs https images). */
const EMOJI = [
  'bust_in_silhouette',
  'adult',
  'woman',
  'man',
  'older_adult',
  'person_with_blond_hair',
  'technologist',
  'teacher',
  'farmer',
  'cook',
  'student',
  'scientist',
  'artist',
  'mechanic',
  'health_worker',
  'office_worker',
];

/** How a persona appears on a Slack post: `icon_url` when Troupe has a public URL, else `icon_emoji`. */
export type PersonaIcon = { icon_url: string } | { icon_emoji: string };

/** A stable emoji per persona name (same name, same emoji). */
export function personaEmoji(name: string): string {
  return EMOJI[hashString(`emoji|${name}`) % EMOJI.length];
}

/**
 * The icon fields of a Slack persona post: `icon_url` when Troupe can serve the avatar, else a deterministic emoji.
 *
 * @example
 *   slackIcon(avatars, 'slack:T1', { name: 'Ada', personaId: 'p1', avatar }); // { icon_url: 'https://…/avatars/p1.png?t=slack%3AT1' }
 */
export function slackIcon(
  avatars: PersonaAvatars,
  tenantId: string,
  persona: { name: string; personaId?: string; avatar?: string },
): PersonaIcon {
  const url = avatars.imageUrl(tenantId, persona);
  return url ? { icon_url: url } : { icon_emoji: `:${personaEmoji(persona.name)}:` };
}
