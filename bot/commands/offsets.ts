import type { ConnectorDeps } from '../usecases/connectors/deps';
import { offsetsCsv, summarizeOffsets } from '../usecases/connectors/summarize-offsets';
import { MAX_TOPIC_ROWS, offsetsView } from '../views/connectors/offsets-view';
import type { CommandSpec } from './command';
import { oneConnector, parseOneConnector } from './one-connector';

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
    parse: parseOneConnector,
    async run(ctx, args) {
      const name = await oneConnector(deps, args.name);
      const offsets = await deps.connect.offsets(name);
      const topics = summarizeOffsets(offsets);
      const attach = topics.length > MAX_TOPIC_ROWS;
      if (attach) {
        await ctx.reply.attach({
          filename: `${name}-offsets.csv`,
          title: `${name} committed offsets`,
          content: offsetsCsv(offsets),
        });
      }
      return offsetsView(name, topics, offsets.offsets.length, attach);
    },
  };
}
