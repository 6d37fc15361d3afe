import { probeTopicScope } from '../../../bot/usecases/cutover/probe-scope';

describe('the cutover probe scope (profile topic patterns)', () => {
  test('include and exclude as the profile gives them, searching anywhere in the name', () => {
    const inScope = probeTopicScope({ topicsInclude: 'orders|payments', topicsExclude: '\\.dlq$' });
    expect(['orders', 'eu.payments', 'orders.dlq', 'audit'].filter(inScope)).toEqual([
      'orders',
      'eu.payments',
    ]);
    expect(probeTopicScope({})('anything')).toBe(true);
  });

  test('runs on RE2, like /mm2 lag: syntax only a backtracking engine has is refused, named', () => {
    // `new RegExp` accepts lookahead (and would backtrack on nested quantifiers); RE2 refuses it.
    expect(() => probeTopicScope({ topicsInclude: 'orders(?=\\.v2)' })).toThrow(
      /profile topics include pattern .*RE2/,
    );
    expect(() => probeTopicScope({ topicsExclude: '(a)\\1' })).toThrow(/profile topics exclude pattern/);
  });

  test('a pattern that backtracks exponentially in JavaScript matches a long name at once', () => {
    // `^(a|aa)+$` on 60 a's and a b: ~10^12 steps for a backtracking engine, linear for RE2.
    const inScope = probeTopicScope({ topicsInclude: '^(a|aa)+$' });
    expect(inScope(`${'a'.repeat(60)}b`)).toBe(false);
    expect(inScope('a'.repeat(60))).toBe(true);
  });
});
