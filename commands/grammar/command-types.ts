/**
 * Commands as plain data: what the grammar produces and the handlers consume. One union for every
 * surface (Slack, local terminal, later Discord/Teams).
 *
 * @example
 *   const command: Command = { name: 'panel.create', count: 5, description: 'US parents' };
 */
export type Command =
  | {
      name: 'panel.create';
      count: number;
      /** Who is in the panel; may be left out when `demography` says it. */
      description?: string;
      panelName?: string;
      align?: Record<string, Record<string, number>>;
      /** A built-in demography document (`norway`) or the name of an attached one. */
      demography?: string;
    }
  | { name: 'panel.list' }
  | { name: 'panel.show'; panel: string }
  | { name: 'panel.delete'; panel: string }
  | { name: 'panel.add'; persona?: string; panel?: string }
  | { name: 'panel.export'; format: 'tinytroupe'; panel?: string }
  | { name: 'panel.seat'; panel: string }
  | { name: 'panel.complete'; panel: string }
  | {
      name: 'panel.ask';
      question: string;
      /** `--independent-then-discuss`: private answers first, `rounds` of discussion, private answers again. */
      independent?: boolean;
      rounds?: number;
    }
  | { name: 'panel.retry'; job: string }
  | { name: 'followup'; text: string; persona?: string }
  | {
      name: 'poll';
      kind: PollKindName;
      question: string;
      options: string[];
      all: boolean;
      /** Likert scale points (`--points 5|7`). */
      points?: 5 | 7;
      /** Number polls: bounds and unit (`--min`, `--max`, `--unit`). */
      min?: number;
      max?: number;
      unit?: string;
      /** Multi polls: most options one persona may pick (`--max N`). */
      maxSelections?: number;
      /** Breakdown dimension (`--by age-band`, `gender`, `nationality`, `occupation` or a spec path). */
      by?: string;
      /** The people of the channel vote too (`--with-people`), until `/poll close` or `--close-after`. */
      withPeople?: boolean;
      closeAfterMs?: number;
      /** Likert: `direct` (a number) or `ssr` (free text rated against anchor statements). */
      method?: PollMethodName;
      /** SSR anchor statements, one per scale point (`--anchors "a|b|c|d|e"`). */
      anchors?: string[];
      /** `--independent-then-discuss`: polled privately, `rounds` of discussion, polled again. */
      independent?: boolean;
      rounds?: number;
    }
  | { name: 'vote'; choice: string; pollId?: string }
  | { name: 'poll.close'; pollId?: string }
  /** `/config export-names [on|off]`: without a value, show the setting. */
  | { name: 'config.export-names'; value?: boolean }
  | {
      name: 'fidelity';
      method: PollMethodName;
      align: boolean;
      /** Local chat: the CSV's path (other surfaces attach the file). */
      path?: string;
      /** Column names to use as questions / as segments, when the guess is ambiguous. */
      questions?: string[];
      segments?: string[];
    }
  | { name: 'fidelity.history' }
  | { name: 'poll.compare' }
  | { name: 'brainstorm'; topic: string; rounds: number; diverge: boolean }
  | { name: 'intervene'; condition: string; thought: string }
  | { name: 'intervene.list' }
  | { name: 'intervene.remove'; index: number }
  | { name: 'persona'; persona: string }
  | { name: 'summarize'; focus?: string; all: boolean }
  | { name: 'export'; format: ExportFormatName; all: boolean }
  | { name: 'usage' }
  | { name: 'help'; topic?: string }
  | { name: 'cancel'; job?: string }
  | { name: 'confirm'; confirmId: string }
  // Thread experiments (fork-specs.ts).
  | { name: 'fork'; stimulus: string; from?: number | 'now' }
  | { name: 'diff'; threads: string[] }
  | {
      name: 'experiment';
      a: string;
      b: string;
      within: boolean;
      poll?: Extract<Command, { name: 'poll' }>;
      seed?: number;
    };

export type CommandName = Command['name'];

/** Poll kinds the grammar accepts (mapped onto the extraction module's kinds by the poll handler). */
export const POLL_KINDS = ['likert', 'choice', 'multi', 'yesno', 'number', 'open'] as const;
export type PollKindName = (typeof POLL_KINDS)[number];

/** How a Likert poll asks: for a number, or Semantic Similarity Rating of a free-text answer. */
export const POLL_METHODS = ['direct', 'ssr'] as const;
export type PollMethodName = (typeof POLL_METHODS)[number];

export const EXPORT_FORMATS = ['md', 'json', 'csv', 'docx'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

/** Limits the grammar enforces, from the configuration. */
export interface GrammarLimits {
  maxPanelSize: number;
  maxRounds: number;
}

export const DEFAULT_GRAMMAR_LIMITS: GrammarLimits = { maxPanelSize: 50, maxRounds: 10 };
