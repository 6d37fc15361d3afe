import { AppError } from '../domain/errors';
import type { ConnectorDeps } from '../usecases/connectors/deps';
import { parseTarget } from '../usecases/connectors/parse-target';
import { selectConnectors } from '../usecases/connectors/select-connectors';
import type { Parsed } from './command';

/** Arguments naming exactly one connector (`config`, `offsets`): `all` is refused. */
export function parseOneConnector(args: string[]): Parsed<{ name: string }> {
  const parsed = parseTarget(args, [], true);
  if (!parsed.ok) return parsed;
  if (parsed.args.target === 'all') return { ok: false, error: 'name one connector' };
  return { ok: true, args: { name: parsed.args.target ?? '' } };
}

/** The profile's connector of that name; anything else is refused with the valid names. */
export async function oneConnector(deps: ConnectorDeps, name: string): Promise<string> {
  const { profile } = await deps.profile.load();
  const [selected] = selectConnectors(profile, name);
  if (!selected) throw new AppError('BAD_INPUT', `unknown connector ${name}`);
  return selected.name;
}
