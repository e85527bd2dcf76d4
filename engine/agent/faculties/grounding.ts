import type { Action } from '../events.js';
import { bm25Rank } from '../memory/bm25.js';
import type { Faculty, FacultyResult } from './faculty.js';

/** A document given to the persona (a brief, a product sheet, a policy). */
export interface GroundingDocument {
  name: string;
  content: string;
}

/**
 * Grounding in documents given to the persona: LIST_DOCUMENTS names them, CONSULT <name> reads
 * an excerpt (the most relevant passages when the content is long).
 *
 * @example
 *   new GroundingFaculty({ documents: [{ name: 'pricing.md', content: '…' }] });
 */
export class GroundingFaculty implements Faculty {
  readonly name = 'grounding';
  readonly actions = [
    { type: 'LIST_DOCUMENTS', description: 'list the documents you have access to' },
    { type: 'CONSULT', description: 'read a document; content = its exact name' },
  ];
  readonly constraints = ['Consult a document before quoting it; never invent what a document says.'];
  private readonly documents = new Map<string, GroundingDocument>();
  readonly excerptChars: number;

  constructor(options: { documents?: GroundingDocument[]; excerptChars?: number } = {}) {
    this.excerptChars = options.excerptChars ?? 1500;
    for (const document of options.documents ?? []) this.addDocument(document);
  }

  addDocument(document: GroundingDocument): void {
    this.documents.set(document.name, { ...document });
  }

  get documentNames(): string[] {
    return [...this.documents.keys()];
  }

  async execute(action: Action): Promise<FacultyResult> {
    if (action.type === 'LIST_DOCUMENTS') {
      const names = this.documentNames;
      const content = names.length ? `Documents I can consult: ${names.join(', ')}` : 'I have no documents to consult.';
      return { stimuli: [{ type: 'THOUGHT', content, source: 'grounding' }] };
    }
    const wanted = action.content.trim();
    const document =
      this.documents.get(wanted) ??
      [...this.documents.values()].find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase()) ??
      [...this.documents.values()].find(
        (candidate) => candidate.name.toLowerCase().includes(wanted.toLowerCase()) && wanted,
      );
    if (!document) {
      return {
        stimuli: [
          {
            type: 'THOUGHT',
            content: `There is no document called "${wanted}". Available: ${this.documentNames.join(', ') || 'none'}.`,
            source: 'grounding',
          },
        ],
      };
    }
    return {
      stimuli: [
        {
          type: 'THOUGHT',
          content: `From "${document.name}": ${this.excerpt(document, action.target)}`,
          source: 'grounding',
        },
      ],
    };
  }

  /** The start of the document, or its passages most relevant to `focus` when it is long. */
  private excerpt(document: GroundingDocument, focus: string): string {
    if (document.content.length <= this.excerptChars) return document.content;
    const passages = document.content.split(/\n\s*\n/).filter((passage) => passage.trim());
    const ranked = focus.trim() ? bm25Rank(passages, focus, passages.length).map((hit) => passages[hit.index]) : [];
    const ordered = ranked.length ? ranked : passages;
    let text = '';
    for (const passage of ordered) {
      if (text.length + passage.length > this.excerptChars) break;
      text += `${passage}\n\n`;
    }
    return `${(text || document.content.slice(0, this.excerptChars)).trim()} […]`;
  }

  toState(): Record<string, unknown> {
    return { documents: [...this.documents.values()], excerptChars: this.excerptChars };
  }

  static fromState(state: Record<string, unknown>): GroundingFaculty {
    return new GroundingFaculty({
      documents: Array.isArray(state.documents) ? (state.documents as GroundingDocument[]) : [],
      excerptChars: typeof state.excerptChars === 'number' ? state.excerptChars : undefined,
    });
  }
}
