export { LocalChat, type LocalChatOptions } from './local-chat.js';
export { TerminalSink, type TerminalSinkOptions } from './terminal-sink.js';
export { ThreadNumbers, threadLabel, threadKeyOf } from './thread-numbers.js';
export { startLocalChat } from './start.js';
