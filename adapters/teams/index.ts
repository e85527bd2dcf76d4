export { createTeamsApp, type CreateTeamsAppOptions, type TeamsApp } from './create-app.js';
export { startTeams, teamsConfigured, type StartTeamsOptions } from './start.js';
export { TeamsSink, type TeamsSinkOptions } from './teams-sink.js';
export { ConversationSendQueue, TEAMS_LIMITS, teamsRetryAfterMs, type TeamsPacing } from './send-queue.js';
export { FileLinks, type LinkedFile } from './file-links.js';
export { ConversationReferences, type StoredReference } from './conversation-refs.js';
export { renderCard, PANEL_ACTIONS, type TroupeSubmit } from './render-card.js';
export { escapeCardMarkdown, safeTeamsText } from './safe-teams-text.js';
export { teamsTenantId, stripBotMention, commandLine, COMMAND_WORDS } from './inbound.js';
