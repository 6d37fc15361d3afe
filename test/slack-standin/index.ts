export { SlackStandIn } from './slack-stand-in';
export type {
  AckResult,
  ClickOptions,
  MessageQuery,
  SlackStandInOptions,
  SlashCommandOptions,
} from './slack-stand-in';
export type { RateLimitConfig, InjectedFailure } from './rate-limiter';
export type { DisconnectReason } from './socket-mode-hub';
export { validateBlocks, LIMITS } from './block-limits';
export * from './types';
