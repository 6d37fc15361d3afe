export { SlackStandIn } from './slack-stand-in';
export type {
  AckResult,
  ClickOptions,
  MessageQuery,
  SlackStandInOptions,
  SlashCommandOptions,
} from './slack-stand-in';
export { slackLikeRateLimits } from './rate-limiter';
export type { RateLimitConfig, InjectedFailure } from './rate-limiter';
export { mentionsIn, mentionsPosted } from './mentions';
export type { PostedMention } from './mentions';
export { boltAppAgainstStandIn, standInClientOptions, silentLogger } from './bolt-against-stand-in';
export type { DisconnectReason } from './socket-mode-hub';
export { validateBlocks, LIMITS } from './block-limits';
export * from './types';
