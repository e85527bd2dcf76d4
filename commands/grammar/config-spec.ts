import { z } from 'zod';
import type { SplitArgs } from './tokenize.js';
import type { Command } from './command-types.js';

const raw = z.object({
  args: z.array(z.string()),
  flags: z.record(z.string(), z.union([z.string(), z.literal(true)])),
});

/** `/config export-names [on|off]` (merged into the table by `commandSpecs`). */
export function configSpecs() {
  return [
    {
      words: ['config', 'export-names'],
      usage: '/config export-names [on|off]',
      summary:
        'Whether exports of people polls may name the people who voted (off by default: platform user ids only). Without on/off, says which it is.',
      examples: ['/config export-names on', '/config export-names off', '/config export-names'],
      flags: {} as Record<string, 'value' | 'boolean'>,
      schema: () =>
        raw
          .transform((input) => ({ value: input.args.length ? input.args.join(' ').toLowerCase() : undefined }))
          .pipe(
            z.object({
              value: z
                .enum(['on', 'off'], { error: 'export-names takes on or off, e.g. /config export-names on.' })
                .optional(),
            }) as unknown as z.ZodType<{ value?: 'on' | 'off' }, { value: string | undefined }>,
          )
          .transform(
            (value): Command => ({
              name: 'config.export-names',
              ...(value.value ? { value: value.value === 'on' } : {}),
            }),
          ) as unknown as z.ZodType<Command, SplitArgs>,
    },
  ];
}
