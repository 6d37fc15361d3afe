import { median, percentile, percentiles, ratio } from '../../bench/stats';

test('nearest-rank percentiles of 1..100', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  expect(percentile(samples, 0.5)).toBe(50);
  expect(percentile(samples, 0.99)).toBe(99);
  expect(percentiles(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
});

test('one sample is every percentile; none gives NaN', () => {
  expect(percentiles([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  expect(Number.isNaN(median([]))).toBe(true);
});

test('ratio rounds to two decimals and refuses a zero baseline', () => {
  expect(ratio(3, 2)).toBe(1.5);
  expect(ratio(1, 3)).toBe(0.33);
  expect(Number.isNaN(ratio(1, 0))).toBe(true);
  expect(Number.isNaN(ratio(NaN, 1))).toBe(true);
});
