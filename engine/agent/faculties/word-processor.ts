import type { Action } from '../events.js';
import type { Faculty, FacultyHost, FacultyResult } from './faculty.js';

/** Splits WRITE_DOCUMENT content: JSON `{title, content}` (TinyTroupe's form), or first line = title. */
export function parseDocument(content: string): { title: string; content: string } {
  const trimmed = content.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof parsed.content === 'string') {
        return {
          title: typeof parsed.title === 'string' && parsed.title.trim() ? parsed.title.trim() : 'Untitled',
          content: parsed.content,
        };
      }
    } catch {
      // Not JSON after all: fall through to the plain-text form.
    }
  }
  const [first, ...rest] = trimmed.split('\n');
  const title = first
    .replace(/^#+\s*/, '')
    .replace(/^title:\s*/i, '')
    .trim();
  return rest.join('\n').trim()
    ? { title: title || 'Untitled', content: rest.join('\n').trim() }
    : { title: 'Untitled', content: trimmed };
}

/**
 * A word processor: WRITE_DOCUMENT produces an artifact `{title, content, author, createdAt}`
 * kept on the agent (`agent.artifacts`) for export.
 *
 * @example
 *   const agent = new TinyPerson({ spec, model, faculties: [new WordProcessorFaculty()] });
 *   await agent.act(); agent.artifacts; // [{ title: 'Proposal', … }]
 */
export class WordProcessorFaculty implements Faculty {
  readonly name = 'word-processor';
  readonly actions = [
    {
      type: 'WRITE_DOCUMENT',
      description: 'write a document; content = JSON {"title": "...", "content": "..."} (markdown content, detailed)',
    },
  ];
  readonly constraints = ['Write documents only when asked to or when your goals require it.'];

  async execute(action: Action, agent: FacultyHost): Promise<FacultyResult> {
    const artifact = agent.addArtifact(parseDocument(action.content));
    return {
      stimuli: [
        { type: 'THOUGHT', content: `I finished writing the document "${artifact.title}".`, source: 'word-processor' },
      ],
    };
  }

  toState(): Record<string, unknown> {
    return {};
  }
}
