/**
 * Grafana's unit ids (the ones a dashboard here uses, plus close relatives) as value formatters, so the
 * built-in renderer's axes and the Slack summary read like the Grafana panel.
 */
const SI = ['', 'K', 'M', 'B', 'T'];
const BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

const trim = (value: number, digits = 3): string => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  const decimals = abs >= 100 ? 0 : abs >= 10 ? Math.min(1, digits) : abs >= 1 ? 2 : 3;
  return String(Number(value.toFixed(decimals)));
};

const scaled = (value: number, base: number, units: string[], sep = ' '): string => {
  let i = 0;
  let v = value;
  while (Math.abs(v) >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const unit = units[i] ?? '';
  return unit ? `${trim(v)}${sep}${unit}` : trim(v);
};

const duration = (ms: number): string => {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${trim(ms)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000)} s`;
  if (abs < 3_600_000) return `${trim(ms / 60_000)} min`;
  if (abs < 86_400_000) return `${trim(ms / 3_600_000)} h`;
  return `${trim(ms / 86_400_000)} day`;
};

export function formatUnit(unit: string | undefined, value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return duration(value);
    case 's':
      return duration(value * 1000);
    case 'percentunit':
      return `${trim(value * 100)}%`;
    case 'percent':
      return `${trim(value)}%`;
    case 'bytes':
    case 'decbytes':
      return scaled(value, 1024, BYTES);
    case 'Bps':
    case 'binBps':
      return `${scaled(value, 1024, BYTES)}/s`;
    case 'rps':
    case 'reqps':
      return `${scaled(value, 1000, SI, '')} rps`;
    case 'ops':
      return `${scaled(value, 1000, SI, '')} ops/s`;
    default:
      return scaled(value, 1000, SI, '');
  }
}
