import type { ConnectorStatus, ValidationResult } from '../../ports/connect';
import { renderConnectors, type RenderedConnector } from '../profile/render-connectors';
import type { Profile } from '../../domain/profile/profile-schema';
import { diffConfigs, type ConfigDiff } from './config-diff';
import type { ConnectorDeps } from './deps';
import { selectConnectors } from './select-connectors';

export interface PlannedConnector extends RenderedConnector {
  diff: ConfigDiff;
  validation: ValidationResult;
  /** The connector's state before the deploy (undefined: not deployed). */
  before?: ConnectorStatus;
}

export interface DeployPlan {
  profile: Profile;
  items: PlannedConnector[];
  /** No validation error on any selected connector. */
  valid: boolean;
  /** The connectors that would be (re)configured. */
  changes: PlannedConnector[];
}

/** Render, validate with Connect, and diff against the running config. Changes nothing. */
export async function planDeploy(deps: ConnectorDeps, target: string | undefined): Promise<DeployPlan> {
  const { profile, templates } = await deps.profile.load();
  const selected = new Set(selectConnectors(profile, target).map((s) => s.name));
  const rendered = renderConnectors(profile, templates).filter((r) => selected.has(r.name));
  const items = await Promise.all(
    rendered.map(async (r): Promise<PlannedConnector> => {
      const [validation, running, before] = await Promise.all([
        deps.connect.validate(r.connectorClass, r.config),
        deps.connect.getConfig(r.name),
        deps.connect.status(r.name),
      ]);
      return { ...r, validation, diff: diffConfigs(running, r.config), before };
    }),
  );
  return {
    profile,
    items,
    valid: items.every((i) => i.validation.errorCount === 0),
    changes: items.filter((i) => i.diff.kind !== 'same'),
  };
}
