import JSZip from 'jszip';
import type { AgentFile, PersonaSpec } from '../engine/agent/persona-spec.js';
import { dumpsLikePython } from './python-json.js';

/** What a persona carries into the export: its spec and, when it has one, its saved agent state. */
export interface ExportedPersona {
  spec: PersonaSpec;
  state?: Record<string, unknown>;
}

interface StateEntry {
  kind?: string;
  type?: string;
  content?: string;
  counterpart?: string;
  simTime?: string;
}

/** One episodic entry as TinyTroupe's `EpisodicMemory` keeps it (a stimulus from the user side, an action from the agent). */
function memoryItem(entry: StateEntry): Record<string, unknown> {
  const timestamp = entry.simTime ?? null;
  if (entry.kind === 'action')
    return {
      role: 'assistant',
      content: {
        action: { type: entry.type ?? 'TALK', content: entry.content ?? '', target: entry.counterpart ?? '' },
      },
      type: 'action',
      simulation_timestamp: timestamp,
    };
  return {
    role: 'user',
    content: {
      stimuli: [{ type: entry.type ?? 'CONVERSATION', content: entry.content ?? '', source: entry.counterpart ?? '' }],
    },
    type: 'stimulus',
    simulation_timestamp: timestamp,
  };
}

/**
 * A persona as a TinyTroupe agent file: `type: TinyPerson`, `persona` with every field as Troupe
 * holds it, and — when the persona has memories — its episodes in `episodic_memory.memory` and its
 * consolidated memories in `semantic_memory.memories`, where TinyTroupe's saved agents keep them.
 *
 * @example
 *   toTinyTroupeAgent({ spec: { name: 'Ada' } }); // { type: 'TinyPerson', persona: { name: 'Ada' }, … }
 */
export function toTinyTroupeAgent(persona: ExportedPersona): AgentFile {
  const state = persona.state as
    | { spec?: PersonaSpec; episodic?: { entries?: StateEntry[] }; semantic?: { items?: { content: string }[] } }
    | undefined;
  const spec = state?.spec ?? persona.spec;
  const entries = state?.episodic?.entries ?? [];
  const semantic = state?.semantic?.items ?? [];
  return {
    type: 'TinyPerson',
    persona: structuredClone(spec),
    ...(entries.length
      ? {
          episodic_memory: {
            json_serializable_class_name: 'EpisodicMemory',
            fixed_prefix_length: 100,
            lookback_length: 100,
            memory: entries.map(memoryItem),
          },
        }
      : {}),
    ...(semantic.length
      ? {
          semantic_memory: {
            json_serializable_class_name: 'SemanticMemory',
            memories: semantic.map((item) => item.content),
          },
        }
      : {}),
    mental_faculties: [],
    current_episode_event_count: 0,
  };
}

/** A file name TinyTroupe's way (`Alan Merrick.agent.json`), with characters file systems refuse replaced. */
export function agentFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must go
  const safe = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '-').trim() || 'persona';
  return `${safe}.agent.json`;
}

/**
 * A zip of one `.agent.json` per persona, each written as TinyTroupe writes (`json.dumps(indent=4)`),
 * so a panel can continue in a TinyTroupe notebook — or come back with `/panel add`.
 *
 * @example
 *   const bytes = await tinyTroupeZip([{ spec: { name: 'Ada' } }]);
 */
export async function tinyTroupeZip(personas: readonly ExportedPersona[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const used = new Set<string>();
  for (const persona of personas) {
    const agent = toTinyTroupeAgent(persona);
    let file = agentFileName(agent.persona.name);
    for (let n = 2; used.has(file.toLowerCase()); n++) file = agentFileName(`${agent.persona.name} ${n}`);
    used.add(file.toLowerCase());
    zip.file(file, dumpsLikePython(agent), { date: new Date('2020-01-01T00:00:00Z') });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
