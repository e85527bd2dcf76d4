export { startWebPlayground, DEFAULT_WEB_PORT, type StartWebOptions, type WebPlayground } from './start-web.js';
export { WebSink } from './web-sink.js';
export { WebTimeline } from './web-timeline.js';
export { jobsOfChannels, isWebChannel } from './channel-jobs.js';
export { isLoopbackHost } from './web-auth.js';
export type { WebMessage, WebState } from './web-message.js';
