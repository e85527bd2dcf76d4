import type { SeededRandom } from '../../util/random.js';
import type { CompletionRequest } from '../port.js';

type JsonSchema = Record<string, unknown>;

/**
 * Schema-valid filler for offline tasks without a dedicated responder: walks a JSON schema and
 * produces a value, using words from the request so the answer at least reflects its input.
 */
export function fillFromJsonSchema(
  schema: JsonSchema,
  rng: SeededRandom,
  request: CompletionRequest<unknown>,
): unknown {
  const words = lastUserText(request)
    .split(/\s+/)
    .filter((word) => word.length > 3)
    .slice(0, 40);
  const defs = (schema.$defs ?? schema.definitions ?? {}) as Record<string, JsonSchema>;
  return fill(schema, { rng, words, defs, depth: 0 });
}

interface FillContext {
  rng: SeededRandom;
  words: string[];
  defs: Record<string, JsonSchema>;
  depth: number;
}

function fill(schema: JsonSchema, context: FillContext): unknown {
  const { rng } = context;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return fill(context.defs[name] ?? {}, { ...context, depth: context.depth + 1 });
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options?.length) return fill(options.find((option) => option.type !== 'null') ?? options[0], context);
  if (Array.isArray(schema.allOf) && schema.allOf.length) return fill(schema.allOf[0] as JsonSchema, context);
  if ('default' in schema) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return fillObject(schema, context);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : context.depth > 3 ? 0 : 1;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3);
      const count = Math.min(max, Math.max(min, rng.int(min, Math.min(max, min + 2))));
      return Array.from({ length: count }, () =>
        fill((schema.items ?? {}) as JsonSchema, { ...context, depth: context.depth + 1 }),
      );
    }
    case 'integer':
    case 'number':
      return fillNumber(schema, rng, type === 'integer');
    case 'boolean':
      return rng.next() < 0.5;
    case 'null':
      return null;
    default:
      return fillString(schema, context);
  }
}

function fillObject(schema: JsonSchema, context: FillContext): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const result: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    result[key] = fill(property, { ...context, depth: context.depth + 1 });
  }
  return result;
}

function fillNumber(schema: JsonSchema, rng: SeededRandom, integer: boolean): number {
  const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
  const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
  const value = min + rng.next() * (max - min);
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

function fillString(schema: JsonSchema, context: FillContext): string {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 400;
  const picked = context.words.length ? context.rng.shuffle(context.words).slice(0, 6).join(' ') : 'offline answer';
  let text = `(offline) ${picked}`;
  while (text.length < minLength) text += ' offline';
  return text.slice(0, maxLength);
}

function lastUserText(request: CompletionRequest<unknown>): string {
  const users = request.messages.filter((message) => message.role === 'user');
  return users.length ? users[users.length - 1].content : '';
}
