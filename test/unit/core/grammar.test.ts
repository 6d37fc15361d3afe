import fc from 'fast-check';
import { didYouMean } from '../../../bot/commands/did-you-mean';
import { tokenize } from '../../../bot/commands/tokenize';

describe('tokenize', () => {
  test('words, quotes and Slack entities', () => {
    expect(tokenize('  deploy   all --dry-run ')).toEqual(['deploy', 'all', '--dry-run']);
    expect(tokenize('lag "orders|pay.*"')).toEqual(['lag', 'orders|pay.*']);
    expect(tokenize("lag 'a b'")).toEqual(['lag', 'a b']);
    expect(tokenize('lag a&amp;b &lt;x&gt;')).toEqual(['lag', 'a&b', '<x>']);
    expect(tokenize('lag "unclosed')).toEqual(['lag', 'unclosed']);
    expect(tokenize('')).toEqual([]);
  });

  test('never throws and never yields empty words outside quotes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const words = tokenize(text);
        return words.every((w) => typeof w === 'string');
      }),
    );
  });
});

describe('didYouMean', () => {
  const verbs = ['help', 'status', 'deploy', 'pause', 'resume', 'stop', 'restart', 'lag', 'scaling', 'audit'];
  test.each([
    ['stauts', 'status'],
    ['depoly', 'deploy'],
    ['res', 'resume'],
    ['scal', 'scaling'],
  ])('%s -> %s', (typo, expected) => expect(didYouMean(typo, verbs)).toBe(expected));
  test('nothing close: no suggestion', () => expect(didYouMean('kubernetes', verbs)).toBeUndefined());
});
