import { renderTable } from '../../bench/table';
import { atMost, below } from '../../bench/results';

test('rows render aligned, with ratio, target and a loud MISSED', () => {
  const table = renderTable([
    {
      scenario: 's1',
      metric: 'p99',
      value: 12.5,
      unit: 'ms',
      baseline: 10,
      ratio: 1.25,
      target: 'ratio ≤ 1.2',
      met: false,
    },
    { scenario: 's2', metric: 'rss', value: 100, unit: 'MB', target: '< 150 MB', met: true },
    { scenario: 's3', metric: 'odd', value: NaN, unit: 'ms' },
  ]);
  const lines = table.split('\n');
  expect(lines).toHaveLength(5);
  expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  expect(lines[2]).toContain('| 12.5 ms  | 10 ms    | 1.25 x | ratio ≤ 1.2 | MISSED |');
  expect(lines[3]).toContain('| met');
  expect(lines[4]).toContain('n/a');
});

test('targets: at most and strictly below, never met by NaN', () => {
  expect(atMost(1.2, 1.2)).toBe(true);
  expect(atMost(1.2, 1.21)).toBe(false);
  expect(below(150, 150)).toBe(false);
  expect(below(150, NaN)).toBe(false);
});
