import { parse as parseYaml } from 'yaml';
import { AppError } from '../../domain/errors';
import type { TemplateText } from '../../ports/profile-source';

/** `{{ source.alias }}`: double braces, so Connect's own `${file:...}` references pass through untouched. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;
/** A setting whose whole value is `{{ name? }}` is left out when `name` has no value (an optional field). */
const OPTIONAL = /^\{\{\s*([A-Za-z0-9_.]+)\?\s*\}\}$/;

export type Values = Record<string, string>;

/** A template is a flat YAML map of Connect settings; comments carry the reasons and are dropped here. */
export function renderTemplate(template: TemplateText, values: Values): Record<string, string> {
  const map = parseMap(template);
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(map)) {
    const optional = OPTIONAL.exec(String(raw));
    if (optional) {
      const value = values[optional[1]!];
      if (value !== undefined) out[key] = value;
      continue;
    }
    out[key] = String(raw).replace(PLACEHOLDER, (_all, name: string) => {
      const value = values[name];
      if (value === undefined) {
        throw new AppError(
          'CONFIG_INVALID',
          `template ${template.file}: ${key}: unknown placeholder {{${name}}}`,
          `Known placeholders: ${Object.keys(values).sort().join(', ')}`,
        );
      }
      return value;
    });
  }
  return out;
}

function parseMap(template: TemplateText): Record<string, string | number | boolean> {
  let data: unknown;
  try {
    data = parseYaml(template.text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `template ${template.file}: not valid YAML: ${firstLine(error)}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new AppError('CONFIG_INVALID', `template ${template.file}: must be a map of Connect settings`);
  }
  for (const [key, value] of Object.entries(data)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new AppError(
        'CONFIG_INVALID',
        `template ${template.file}: ${key}: must be a string, number or boolean`,
      );
    }
  }
  return data as Record<string, string | number | boolean>;
}

const firstLine = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
