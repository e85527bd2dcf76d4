import { z } from 'zod';
import type { SplitArgs } from './tokenize.js';
import { POLL_METHODS, type Command } from './command-types.js';

/** Flags `/poll` takes beside its own: people voting, the close timer, and the Likert method. */
export const POLL_EXTRA_FLAGS: Record<string, 'value' | 'boolean'> = {
  'with-people': 'boolean',
  'close-after': 'value',
  method: 'value',
  anchors: 'value',
};

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Longest a people poll may stay open. */
export const MAX_CLOSE_AFTER_MS = 7 * 86_400_000;

/**
 * A duration such as `90s`, `30m`, `1h` or `2d` in milliseconds; undefined when it is not one.
 * @example parseDuration('1h') // 3600000
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,5})\s*([smhd])$/i.exec(text.trim());
  return match ? Number(match[1]) * UNITS[match[2].toLowerCase()] : undefined;
}

const extras = z
  .object({
    'with-people': z.literal(true).optional(),
    'close-after': z.string().optional(),
    method: z.string().optional(),
    anchors: z.string().optional(),
  })
  .passthrough();

/**
 * Adds `--with-people`, `--close-after`, `--method` and `--anchors` to the poll command a base schema built,
 * with clear errors for combinations that cannot work.
 */
export function withPollExtras(base: z.ZodType<Command, SplitArgs>): z.ZodType<Command, SplitArgs> {
  return z.custom<SplitArgs>().transform((input, context): Command => {
    const parsed = base.safeParse(input);
    const fail = (message: string) => {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'The poll is not valid.');
    const command = parsed.data;
    if (command.name !== 'poll') return command;
    const flags = extras.parse(input.flags);
    const out: Extract<Command, { name: 'poll' }> = { ...command };
    if (flags['with-people']) {
      if (!['yesno', 'choice', 'likert'].includes(command.kind))
        return fail('--with-people works with yesno, choice and likert polls (people pick one option each).');
      out.withPeople = true;
    }
    if (flags['close-after'] !== undefined) {
      if (!flags['with-people']) return fail('--close-after only applies with --with-people.');
      const ms = parseDuration(flags['close-after']);
      if (ms === undefined || ms < 60_000 || ms > MAX_CLOSE_AFTER_MS)
        return fail('--close-after takes a duration from 1m to 7d, like 30m, 1h or 2d.');
      out.closeAfterMs = ms;
    }
    if (flags.method !== undefined) {
      const method = flags.method.toLowerCase();
      if (!(POLL_METHODS as readonly string[]).includes(method))
        return fail(`--method must be ${POLL_METHODS.join(' or ')} (got ${flags.method.slice(0, 20)}).`);
      if (method === 'ssr' && command.kind !== 'likert')
        return fail('--method ssr is for likert polls: it rates a free-text answer against one statement per point.');
      out.method = method as 'direct' | 'ssr';
    }
    if (flags.anchors !== undefined) {
      if (out.method !== 'ssr') return fail('--anchors only applies with --method ssr.');
      const anchors = flags.anchors
        .split('|')
        .map((anchor) => anchor.trim())
        .filter(Boolean);
      const points = command.points ?? 5;
      if (anchors.length !== points || anchors.some((anchor) => anchor.length > 300))
        return fail(
          `--anchors takes ${points} statements separated by |, one per scale point from 1 to ${points} (each at most 300 characters).`,
        );
      out.anchors = anchors;
    }
    return out;
  }) as unknown as z.ZodType<Command, SplitArgs>;
}

/**
 * The `/poll` spec with the extra flags, usage and examples added (other specs pass through), so the poll
 * grammar itself stays as it is.
 */
export function withPollExtrasSpec<
  S extends {
    words: string[];
    usage: string;
    examples: string[];
    flags: Record<string, 'value' | 'boolean'>;
    schema: () => z.ZodType<Command, SplitArgs>;
  },
>(spec: S): S {
  if (spec.words.join(' ') !== 'poll') return spec;
  return {
    ...spec,
    usage: `${spec.usage} [--with-people [--close-after 1h]] [--method direct|ssr [--anchors "1|2|3|4|5"]]`,
    examples: [
      ...spec.examples,
      '/poll yesno "Would you pay $5 a month?" --with-people --close-after 1h',
      '/poll likert "I would recommend it" --method ssr',
    ],
    flags: { ...spec.flags, ...POLL_EXTRA_FLAGS },
    schema: () => withPollExtras(spec.schema()),
  };
}
