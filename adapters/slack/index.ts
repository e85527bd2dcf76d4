export { createSlackApp, SLACK_BOT_SCOPES, type CreateSlackAppOptions, type SlackApp } from './create-app.js';
export { startSlack, slackMode, type SlackMode, type StartSlackOptions } from './start.js';
export {
  SlackSink,
  PERSONA_EVENT_TYPE,
  POST_EVENT_TYPE,
  THINKING_REACTION,
  type SlackSinkOptions,
  type TokenResolver,
} from './slack-sink.js';
export { ChannelSendQueue, retryAfterMs, type SendQueueOptions } from './send-queue.js';
export { StoreInstallationStore, slackTenantId } from './installation-store.js';
export { SignedRequestGuard, signSlackRequest, type GuardVerdict } from './request-guard.js';
export { DeliveryDeduper } from '../shared/delivery-dedupe.js';
export { PersonaAvatars, avatarToPng } from '../shared/persona-avatars.js';
export { personaEmoji, slackIcon } from './avatars.js';
export { renderReply, escapeMrkdwn, PANEL_BUTTONS, ACTION_PREFIX } from './render-blocks.js';
export { homeView } from './home-view.js';
