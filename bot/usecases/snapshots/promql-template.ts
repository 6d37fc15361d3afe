import type { Dashboard } from '../../domain/dashboards/dashboard-types';

/** Grafana's interval rules for a Prometheus panel, so the built-in renderer sends the same queries. */
export interface QueryIntervals {
  stepSeconds: number;
  /** `$__interval`: the step. */
  intervalSeconds: number;
  /** `$__rate_interval`: max($__interval + scrape interval, 4 x scrape interval). */
  rateIntervalSeconds: number;
  rangeSeconds: number;
}

/** A step fit to the image: about one point per pixel of plot width, never below the scrape interval. */
export function fitIntervals(
  from: number,
  to: number,
  widthPx: number,
  scrapeSeconds: number,
): QueryIntervals {
  const rangeSeconds = Math.max(1, Math.round((to - from) / 1000));
  const maxPoints = Math.max(10, widthPx);
  const stepSeconds = Math.max(scrapeSeconds, Math.ceil(rangeSeconds / maxPoints));
  return {
    stepSeconds,
    intervalSeconds: stepSeconds,
    rateIntervalSeconds: Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds),
    rangeSeconds,
  };
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The values a variable takes: the caller's, else the dashboard's current ones ("All" -> its allValue). */
export function variableValues(
  dashboard: Dashboard,
  given: Record<string, string[]>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const v of dashboard.templating?.list ?? []) {
    const chosen = given[v.name];
    const current = v.current?.value;
    const list = chosen ?? (Array.isArray(current) ? current : current ? [current] : ['$__all']);
    if (list.includes('$__all') || list.includes('All')) values[v.name] = v.allValue ?? '.*';
    else if (list.length === 1) values[v.name] = chosen ? escapeRegex(list[0]!) : list[0]!;
    else values[v.name] = `(${list.map(escapeRegex).join('|')})`;
  }
  return values;
}

/** Unknown variable names, so `/mm2 snapshot lag topc=orders` says so instead of being ignored. */
export function unknownVariables(dashboard: Dashboard, given: Record<string, string[]>): string[] {
  const known = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
  return Object.keys(given).filter((name) => !known.has(name));
}

/** A target's PromQL with Grafana's macros and the template variables filled in. */
export function interpolate(expr: string, vars: Record<string, string>, intervals: QueryIntervals): string {
  const macros: Record<string, string> = {
    __rate_interval: `${intervals.rateIntervalSeconds}s`,
    __interval: `${intervals.intervalSeconds}s`,
    __interval_ms: String(intervals.intervalSeconds * 1000),
    __range: `${intervals.rangeSeconds}s`,
    __range_s: String(intervals.rangeSeconds),
    __range_ms: String(intervals.rangeSeconds * 1000),
  };
  return expr.replace(
    /\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g,
    (whole, a?: string, b?: string, c?: string) => {
      const name = (a ?? b ?? c)!;
      return macros[name] ?? vars[name] ?? whole;
    },
  );
}

/** A series name from the target's legend format (`{{topic}} records/s`), as Grafana draws it. */
export function legendName(format: string | undefined, labels: Record<string, string>): string {
  if (format && format !== '__auto')
    return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return pairs ? `${name ?? ''}{${pairs}}` : (name ?? 'value');
}
