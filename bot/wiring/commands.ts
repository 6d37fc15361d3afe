import type { AnyCommandSpec } from '../commands/command';
import { createAuditCommand } from '../commands/audit';
import { createConnectorCommands } from '../commands/connectors';
import { createHelpCommand } from '../commands/help';
import { createLagCommand } from '../commands/lag';
import { createReportCommand } from '../commands/report';
import { createScalingCommand } from '../commands/scaling';
import { createSnapshotCommand } from '../commands/snapshot';
import type { Clock } from '../domain/clock';
import type { Redactor } from '../domain/redactor';
import type { AuditLog } from '../ports/audit-log';
import type { ProfileSource } from '../ports/profile-source';
import type { ReportBuilder } from '../ports/reports';
import type { RoleResolver } from '../usecases/roles/role-resolver';
import type { SnapshotService } from '../usecases/snapshots/snapshot-service';
import type { Backends } from './backends';

/** Every `/mm2` verb, in the order help lists them. */
export function createCommands(deps: {
  backends: Backends;
  profile: ProfileSource;
  redactor: Redactor;
  clock: Clock;
  audit: AuditLog;
  roles: RoleResolver;
  report: ReportBuilder;
  snapshots?: SnapshotService;
  /** Commands wired elsewhere (e.g. the cutover), listed after these. */
  extra?: AnyCommandSpec[];
}): AnyCommandSpec[] {
  const specs: AnyCommandSpec[] = [];
  specs.push(
    createHelpCommand({ specs: () => specs, roles: deps.roles }),
    ...createConnectorCommands({
      connect: deps.backends.connect,
      profile: deps.profile,
      redactor: deps.redactor,
      clock: deps.clock,
    }),
    createLagCommand({ lag: deps.backends.lag }),
    createScalingCommand({ scaling: deps.backends.scaling }),
    createReportCommand({ build: deps.report }),
    createAuditCommand({ audit: deps.audit }),
    ...(deps.extra ?? []),
  );
  if (deps.snapshots) specs.push(createSnapshotCommand({ snapshots: deps.snapshots, clock: deps.clock }));
  return specs;
}
