import { z } from 'zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatMessage } from './port.js';

/** How structured output is requested: native JSON schema, JSON mode, or plain text + extraction. */
export type OutputMode = 'json_schema' | 'json_object' | 'text';

/** The fallback order when a provider rejects a response_format (TinyTroupe issue #95). */
export const OUTPUT_MODES: readonly OutputMode[] = ['json_schema', 'json_object', 'text'];

export type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; strict?: boolean; schema: Record<string, unknown> } }
  | { type: 'json_object' };

/** JSON-schema names must match `^[a-zA-Z0-9_-]{1,64}$`; task names like `agent.act` do not. */
export function schemaNameFor(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'output';
}

/** A plain JSON schema of what the model must return (input side, so defaults stay optional). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
}

/**
 * The `response_format` for a mode. Strict mode (via `zodResponseFormat`) when the schema fits
 * OpenAI's strict subset; otherwise a non-strict JSON schema, since strict mode refuses e.g.
 * `.optional()` fields that persona specs use freely.
 */
export function responseFormatFor(mode: OutputMode, schema: z.ZodType, name: string): ResponseFormat | undefined {
  if (mode === 'text') return undefined;
  if (mode === 'json_object') return { type: 'json_object' };
  const safeName = schemaNameFor(name);
  try {
    const format = zodResponseFormat(schema, safeName);
    return {
      type: 'json_schema',
      json_schema: { name: safeName, strict: true, schema: format.json_schema.schema ?? {} },
    };
  } catch {
    return { type: 'json_schema', json_schema: { name: safeName, strict: false, schema: jsonSchemaOf(schema) } };
  }
}

/**
 * In JSON mode and text mode the provider does not see the schema, so it goes into the prompt.
 * Appended to the first system message: stable per task, so the prompt prefix stays cacheable.
 */
export function withSchemaInstruction(messages: ChatMessage[], mode: OutputMode, schema: z.ZodType): ChatMessage[] {
  if (mode === 'json_schema') return messages;
  const instruction =
    'Reply with only one JSON object (no prose, no code fences) that matches this JSON schema:\n' +
    JSON.stringify(jsonSchemaOf(schema));
  const index = messages.findIndex((message) => message.role === 'system');
  if (index < 0) return [{ role: 'system', content: instruction }, ...messages];
  return messages.map((message, i) =>
    i === index ? { ...message, content: `${message.content}\n\n${instruction}` } : message,
  );
}

/** The follow-up that shows the model why its answer was refused (the single repair attempt). */
export function repairMessages(messages: ChatMessage[], badOutput: string, problem: string): ChatMessage[] {
  return [
    ...messages,
    { role: 'assistant', content: badOutput },
    {
      role: 'user',
      content:
        `Your previous answer could not be used: ${problem}\n` +
        'Reply again with only the corrected JSON object that matches the required schema.',
    },
  ];
}

/** A readable list of zod issues, e.g. `action.type: Invalid option: expected one of "TALK"|"DONE"`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
