// Issue 15 item 1: a user's topic filter runs on a linear-time engine (RE2 semantics), so no pattern
// can block the event loop; constructs that need backtracking are refused with a clear message.
import { compileRegex, inScope } from '../../../bot/domain/topic-filter';
import { createLagCommand } from '../../../bot/commands/lag';
import { profileSchema } from '../../../bot/domain/profile/profile-schema';

const lagCommand = createLagCommand({ lag: { report: async () => ({}) } as never });

test('catastrophic-backtracking patterns answer (no match) instead of running for minutes', () => {
  const evil = compileRegex('^(a|a)*$', 'topic filter');
  // 2^40 paths for a backtracking engine; one pass for RE2.
  expect(evil.test(`${'a'.repeat(40)}!`)).toBe(false);
  expect(evil.test('a'.repeat(40))).toBe(true);
  expect(compileRegex('(x+x+)+y', 'topic filter').test('x'.repeat(5000))).toBe(false);
});

test('searches anywhere in the name, like before', () => {
  const f = compileRegex('orders|refunds', 'topic filter');
  expect(['eu.orders.v1', 'refunds', 'payments'].map((t) => f.test(t))).toEqual([true, true, false]);
  expect(
    inScope({ exclude: compileRegex('^__', 'exclude'), filter: compileRegex('^pay', 'f') }, 'payments'),
  ).toBe(true);
});

test.each(['(a)\\1', '(?=orders)', '(?<!x)y'])('`%s` is refused, saying which syntax works', (pattern) => {
  const parsed = lagCommand.parse([pattern]);
  expect(parsed.ok).toBe(false);
  expect(!parsed.ok && parsed.error).toMatch(/RE2 syntax/);
});

test('a profile pattern the bot cannot run linearly is refused when the profile loads', () => {
  const result = profileSchema.shape.topics.safeParse({ include: ['(?=orders).*'] });
  expect(result.success).toBe(false);
  expect(JSON.stringify(result.error?.issues)).toMatch(/RE2/);
});
