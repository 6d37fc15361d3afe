import { satisfies } from '../domain/roles';
import { helpView } from '../views/core/help-view';
import type { AnyCommandSpec, CommandSpec } from './command';
import type { RoleLookup } from './dispatcher-deps';

/** `/mm2 help`: lists only the commands the caller may run. */
export function createHelpCommand(deps: {
  specs: () => AnyCommandSpec[];
  roles: RoleLookup;
}): CommandSpec<void> {
  return {
    verb: 'help',
    role: 'viewer',
    usage: '/mm2 help',
    summary: 'what you can run here',
    visibility: 'ephemeral',
    parse: (args) =>
      args.length === 0 ? { ok: true, args: undefined } : { ok: false, error: '`help` takes no arguments.' },
    run: async (ctx) => {
      const role = await deps.roles.highestRole(ctx.user);
      return helpView(
        deps.specs().filter((s) => satisfies(role, s.role)),
        role,
      );
    },
  };
}
