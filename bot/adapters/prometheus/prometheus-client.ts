import { request } from 'undici';
import { AppError } from '../../domain/errors';
import type { MetricSample, MetricSeries, MetricsQuery, RangeQuery } from '../../ports/metrics';
import { publicUrl } from '../http/public-url';

export interface PrometheusOptions {
  /** Base URL, e.g. http://127.0.0.1:9090 (a path prefix is kept). */
  url: string;
  timeoutMs?: number;
  /** The setting the budget comes from (e.g. MM2_PROMETHEUS_TIMEOUT_SECONDS), named when it runs out. */
  timeoutSetting?: string;
  /** Extra headers, e.g. Authorization; never echoed in messages. */
  headers?: Record<string, string>;
}

interface ApiResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

type VectorItem = { metric: Record<string, string>; value: [number, string] };
type MatrixItem = { metric: Record<string, string>; values: Array<[number, string]> };

const scalar = (raw: string): number => (raw === 'NaN' ? Number.NaN : Number(raw));

/** MetricsQuery over Prometheus's HTTP API (POST form bodies, so long selectors fit). */
export const createPrometheusClient = (options: PrometheusOptions): MetricsQuery => {
  const target = publicUrl(options.url, 'Prometheus');
  const base = options.url.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10000;

  const unreachable = (detail: string, cause?: unknown) =>
    new AppError(
      'PROMETHEUS_UNREACHABLE',
      `Prometheus at ${target} is unreachable: ${detail}`,
      'Check that Prometheus is running and that the bot can reach it; exact lag still comes from Kafka and Connect.',
      { cause },
    );

  const post = async (path: string, form: Record<string, string>): Promise<ApiResponse['data']> => {
    let statusCode: number;
    let text: string;
    try {
      const response = await request(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      // DOMException (the abort) is not always an `instanceof Error` (e.g. across VM realms).
      const name = (error as { name?: string } | undefined)?.name ?? '';
      if (name === 'TimeoutError' || name === 'AbortError' || /Timeout/.test(name)) {
        const setting = options.timeoutSetting ? ` (${options.timeoutSetting})` : '';
        throw unreachable(`no answer within ${timeoutMs} ms${setting}`, error);
      }
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      throw unreachable(code ?? (error as { message?: string } | undefined)?.message ?? String(error), error);
    }
    let body: ApiResponse | undefined;
    try {
      body = JSON.parse(text) as ApiResponse;
    } catch {
      body = undefined;
    }
    if (body?.status === 'error') {
      throw new AppError(
        'BAD_INPUT',
        `Prometheus rejected the query (${body.errorType ?? 'error'}): ${body.error ?? 'no detail'}`,
        `Query: ${form.query}`,
      );
    }
    if (statusCode >= 500 || !body) throw unreachable(`HTTP ${statusCode}`);
    if (statusCode >= 400) throw unreachable(`HTTP ${statusCode} (check the URL and authorization)`);
    return body.data;
  };

  return {
    target,
    instant: async (query, at) => {
      const form: Record<string, string> = { query };
      if (at !== undefined) form.time = String(at / 1000);
      const data = await post('/api/v1/query', form);
      if (data?.resultType === 'scalar') {
        const [, value] = data.result as [number, string];
        return [{ labels: {}, value: scalar(value) }];
      }
      return ((data?.result as VectorItem[]) ?? []).map((item): MetricSample => ({
        labels: item.metric,
        value: scalar(item.value[1]),
      }));
    },
    range: async (q: RangeQuery) => {
      const data = await post('/api/v1/query_range', {
        query: q.query,
        start: String(q.start / 1000),
        end: String(q.end / 1000),
        step: `${q.stepSeconds}s`,
      });
      return ((data?.result as MatrixItem[]) ?? []).map((item): MetricSeries => ({
        labels: item.metric,
        points: item.values.map(([t, v]) => [t, scalar(v)] as [number, number]),
      }));
    },
  };
};
