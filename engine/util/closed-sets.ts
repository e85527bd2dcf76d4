import { z } from 'zod';

/**
 * The integers `min`…`max` as a closed set: JSON schema `{"type":"number","enum":[1,2,3,4,5]}`, which
 * structured output honours where `minimum`/`maximum` are ignored or refused in strict mode.
 *
 * @example
 *   integerSet(1, 5).parse(3) // 3
 */
export function integerSet(min: number, max: number): z.ZodType<number> {
  const values = Array.from({ length: Math.max(1, max - min + 1) }, (_, at) => min + at);
  return z.literal(values as [number, ...number[]]) as unknown as z.ZodType<number>;
}

/**
 * Known names as a closed set (an enum in the JSON schema), or any non-empty string when none is known yet.
 *
 * @example
 *   nameSet(['Maya Chen', 'Tom Becker']) // z.enum(['Maya Chen', 'Tom Becker'])
 */
export function nameSet(names: readonly string[]): z.ZodType<string> {
  const unique = [...new Set(names.filter(Boolean))];
  return unique.length ? z.enum(unique as [string, ...string[]]) : z.string().min(1);
}
