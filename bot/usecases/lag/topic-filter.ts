import { AppError } from '../../domain/errors';

/** MM2's default topics.exclude plus the bot's and Connect's own topics. */
export const DEFAULT_TOPICS_EXCLUDE = '^(__.*|.*[-.]internal|.*\\.replica|heartbeats|mm2-.*|connect-.*)$';

export const compileRegex = (pattern: string, what: string): RegExp => {
  if (pattern.length > 200) throw new AppError('BAD_INPUT', `The ${what} is too long (200 characters max).`);
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new AppError(
      'BAD_INPUT',
      `The ${what} \`${pattern}\` is not a valid regular expression: ${(error as Error).message}`,
      'Example: `/mm2 lag ^orders` or `/mm2 lag "payments|refunds"`.',
    );
  }
};

export interface TopicScope {
  include?: RegExp;
  exclude: RegExp;
  /** The user's filter: a search anywhere in the name. */
  filter?: RegExp;
}

export const inScope = (scope: TopicScope, topic: string): boolean =>
  !scope.exclude.test(topic) &&
  (scope.include === undefined || scope.include.test(topic)) &&
  (scope.filter === undefined || scope.filter.test(topic));
