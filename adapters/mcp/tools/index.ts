import type { AnyTool } from '../tool-declaration.js';
import { confirm } from './confirm-tool.js';
import { diff, fidelity, fork } from './experiment-tools.js';
import { exportConversation, poll, summarize, usage } from './extraction-tools.js';
import { addPersonas, createPanel, listPanels, showPanel } from './panel-tools.js';
import { askPanel, brainstorm, followUp } from './session-tools.js';

/** Every MCP tool, in the order clients list them. A new command's tool is one more declaration here. */
export const TOOLS: readonly AnyTool[] = [
  createPanel,
  listPanels,
  showPanel,
  addPersonas,
  askPanel,
  followUp,
  fork,
  diff,
  fidelity,
  poll,
  brainstorm,
  summarize,
  exportConversation,
  usage,
  confirm,
];
