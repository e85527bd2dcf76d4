import { loadConfig } from '../../config.js';
import { ConfigError } from '../../engine/errors.js';
import { createLanguageModel } from '../../engine/llm/create-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { loadLibrary } from '../../personas/index.js';
import { runFidelityEval } from './fidelity.js';

/**
 * `npm run eval -- fidelity [--offline] [--personas N]`: needs a real model (and LLM_EMBEDDING_MODEL for SSR);
 * `--offline` checks the wiring on the demo model with its lexical stand-in for embeddings.
 */
export async function fidelityMain(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<string> {
  const offline = argv.includes('--offline');
  const at = argv.indexOf('--personas');
  const count = at >= 0 ? Number(argv[at + 1]) : offline ? 4 : 20;
  if (!Number.isInteger(count) || count < 1)
    throw new ConfigError('eval.bad_flag', '--personas needs a whole number ≥ 1, e.g. --personas 20.');
  let model: LanguageModel;
  if (offline) model = new OfflineModel({ responders: allOfflineResponders() });
  else {
    const config = loadConfig(env);
    if (config.llm.provider === 'offline')
      throw new ConfigError(
        'eval.needs_model',
        'npm run eval -- fidelity needs a real model: set LLM_API_KEY (or LLM_BASE_URL) and LLM_MODEL, and LLM_EMBEDDING_MODEL for SSR; or pass --offline to check the wiring.',
      );
    model = createLanguageModel(config, { offline: () => new OfflineModel({ responders: allOfflineResponders() }) });
  }
  const { agents } = await loadLibrary();
  const personas = agents.slice(0, count).map((agent, index) => ({
    id: `p${index}`,
    name: String(agent.document.persona.name ?? `persona ${index + 1}`),
    spec: agent.document.persona,
  }));
  return runFidelityEval({ model, personas, print });
}
