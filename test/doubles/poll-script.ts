import type { PollDefinition } from '../../engine/extraction/index.js';
import type { CompletionRequest } from '../../engine/llm/port.js';

/**
 * A scripted `poll.answer`: valid for every poll kind, and read off the persona's own prompt so a test can see
 * that each persona's spec reached its call — an option is chosen when the persona's system message mentions it,
 * otherwise the last option; yes when it mentions the question's last word; ratings and numbers from the name length.
 *
 * @example
 *   const model = new ScriptedModel({ 'poll.answer': pollAnswer });
 */
export function pollAnswer(request: CompletionRequest<unknown>): Record<string, unknown> {
  const poll = request.hints?.poll as PollDefinition;
  const name = String(request.hints?.personaName ?? 'someone');
  const persona = (request.messages[0]?.content ?? '').toLowerCase();
  const reason = `${name} answers from their own prompt.`;
  const options = 'options' in poll ? poll.options : [];
  const mentioned = options.find((option) => persona.includes(option.toLowerCase())) ?? options.at(-1);
  switch (poll.kind) {
    case 'yes-no': {
      const lastWord = poll.question.toLowerCase().match(/(\w+)\W*$/)?.[1] ?? '';
      return { answer: lastWord && persona.includes(lastWord) ? 'yes' : 'no', reason };
    }
    case 'single-choice':
      return { choice: mentioned, reason };
    case 'multiple-choice':
      return { choices: [mentioned], reason };
    case 'likert':
      return { rating: 1 + (name.length % poll.points), reason };
    case 'numeric':
      return { value: poll.min ?? 0, reason };
    case 'open-ended':
      return { answer: `${name} would like more time.`, reason };
  }
}
