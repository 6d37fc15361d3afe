import { AppError } from '../domain/errors';
import type { ConnectorDeps } from '../usecases/connectors/deps';
import { parseTarget } from '../usecases/connectors/parse-target';
import { selectConnectors } from '../usecases/connectors/select-connectors';
import { offsetsCsv, summarizeOffsets } from '../usecases/connectors/summarize-offsets';
import { MAX_TOPIC_ROWS, offsetsView } from '../views/connectors/offsets-view';
import type { CommandSpec } from './command';

export interface OffsetsArgs {
  name: string;
}

/** `/mm2 offsets <connector>`: committed source offsets per topic; the full table as CSV when long. */
export function createOffsetsCommand(deps: ConnectorDeps): CommandSpec<OffsetsArgs> {
  return {
    verb: 'offsets',
    role: 'viewer',
    usage: '/mm2 offsets <connector>',
    summary: "A connector's committed source offsets, per topic",
    needs: ['connect'],
    parse(args) {
      const parsed = parseTarget(args, [], true);
      if (!parsed.ok) return parsed;
      if (parsed.args.target === 'all') return { ok: false, error: 'name one connector' };
      return { ok: true, args: { name: parsed.args.target ?? '' } };
    },
    async run(ctx, args) {
      const { profile } = await deps.profile.load();
      const [selected] = selectConnectors(profile, args.name);
      if (!selected) throw new AppError('BAD_INPUT', `unknown connector ${args.name}`);
      const offsets = await deps.connect.offsets(selected.name);
      const topics = summarizeOffsets(offsets);
      const attach = topics.length > MAX_TOPIC_ROWS;
      if (attach) {
        await ctx.reply.attach({
          filename: `${selected.name}-offsets.csv`,
          title: `${selected.name} committed offsets`,
          content: offsetsCsv(offsets),
        });
      }
      return deps.redactor.value(offsetsView(selected.name, topics, offsets.offsets.length, attach));
    },
  };
}
