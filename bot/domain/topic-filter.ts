import { RE2JS } from 're2js';
import { AppError } from './errors';

/** MM2's default topics.exclude plus the bot's and Connect's own topics. */
export const DEFAULT_TOPICS_EXCLUDE = '^(__.*|.*[-.]internal|.*\\.replica|heartbeats|mm2-.*|connect-.*)$';

/** A compiled pattern that searches anywhere in a name, in time linear in the name's length. */
export interface Pattern {
  test(name: string): boolean;
  readonly source: string;
}

const RE2_HINT =
  'Patterns use RE2 syntax (linear time): no lookaround like `(?=…)` and no backreferences like `\\1`. Example: `/mm2 lag ^orders` or `/mm2 lag "payments|refunds"`.';

/**
 * Compiles an operator's or user's pattern with RE2 semantics (re2js): matching never backtracks, so
 * no pattern can stall the event loop, whatever the topic names.
 */
export const compileRegex = (pattern: string, what: string): Pattern => {
  if (pattern.length > 200) throw new AppError('BAD_INPUT', `The ${what} is too long (200 characters max).`);
  try {
    const re = RE2JS.compile(pattern);
    return { source: pattern, test: (name) => re.test(name) };
  } catch (error) {
    throw new AppError(
      'BAD_INPUT',
      `The ${what} \`${pattern}\` is not a valid regular expression in RE2 syntax: ${(error as Error).message}`,
      RE2_HINT,
    );
  }
};

/** Why `pattern` cannot be compiled by compileRegex, or undefined when it can. */
export const linearPatternProblem = (pattern: string): string | undefined => {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

export interface TopicScope {
  include?: Pattern;
  exclude: Pattern;
  /** The user's filter: a search anywhere in the name. */
  filter?: Pattern;
}

export const inScope = (scope: TopicScope, topic: string): boolean =>
  !scope.exclude.test(topic) &&
  (scope.include === undefined || scope.include.test(topic)) &&
  (scope.filter === undefined || scope.filter.test(topic));
