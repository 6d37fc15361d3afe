import type { Block, View } from '../view';
import type { ConnectorStatus } from '../../ports/connect';
import type { StatusOverview } from '../../usecases/connectors/status-overview';
import { shortenTrace } from '../../usecases/connectors/shorten-trace';
import { capBlocks, codeBlock, context, divider, header, section } from '../blocks';
import { icon } from './connector-blocks';
import { escapeText as esc } from '../mrkdwn';

const MAX_TRACES = 6;

/** `/mm2 status`: one section per connector, counts by state, workers, and short traces of failures. */
export function statusView(overview: StatusOverview): View {
  const blocks: Block[] = [header(`Connectors · ${overview.profileName}`)];
  blocks.push(
    section(`*Connectors:* ${counts(overview.connectorCounts)}   *Tasks:* ${counts(overview.taskCounts)}`),
  );
  let traces = 0;
  for (const { name, status } of overview.connectors) {
    blocks.push(section(connectorLine(name, status)));
    for (const failed of failures(status)) {
      if (traces >= MAX_TRACES) break;
      traces += 1;
      const trace = shortenTrace(failed.trace) ?? '(no trace)';
      blocks.push(
        codeBlock(trace, `${esc(name)} ${failed.what} failed on \`${esc(failed.worker || '?')}\`:`),
      );
    }
  }
  blocks.push(divider());
  blocks.push(context(`Workers: ${overview.workers.map((w) => `\`${esc(w)}\``).join(', ') || 'none'}`));
  if (overview.others.length > 0)
    blocks.push(context(`Not in the profile: ${overview.others.map(esc).join(', ')}`));
  const failedCount = (overview.connectorCounts.FAILED ?? 0) + (overview.taskCounts.FAILED ?? 0);
  const text =
    `${overview.connectors.map(({ name, status }) => `${name} ${status?.connector.state ?? 'not deployed'}`).join(', ')}` +
    (failedCount > 0 ? ` (${failedCount} failed)` : '');
  return { text, blocks: capBlocks(blocks) };
}

function connectorLine(name: string, status: ConnectorStatus | undefined): string {
  if (!status) return `${icon(undefined)} *${esc(name)}*: not deployed (run \`/mm2 deploy ${esc(name)}\`)`;
  const byState = new Map<string, number[]>();
  for (const t of status.tasks) byState.set(t.state, [...(byState.get(t.state) ?? []), t.id]);
  const tasks =
    status.tasks.length === 0
      ? 'no tasks'
      : [...byState]
          .map(([state, ids]) => `${icon(state)} ${ids.length} ${state} (${ids.join(', ')})`)
          .join('  ');
  const workers = [...new Set(status.tasks.map((t) => t.worker_id))].sort();
  const on = workers.length > 0 ? `\nTask workers: ${workers.map((w) => `\`${esc(w)}\``).join(', ')}` : '';
  return `${icon(status.connector.state)} *${esc(name)}* ${status.connector.state} on \`${esc(status.connector.worker_id)}\`\nTasks: ${tasks}${on}`;
}

function failures(
  status: ConnectorStatus | undefined,
): Array<{ what: string; worker: string; trace?: string }> {
  if (!status) return [];
  const out: Array<{ what: string; worker: string; trace?: string }> = [];
  if (status.connector.state === 'FAILED')
    out.push({ what: 'connector', worker: status.connector.worker_id, trace: status.connector.trace });
  for (const t of status.tasks)
    if (t.state === 'FAILED') out.push({ what: `task ${t.id}`, worker: t.worker_id, trace: t.trace });
  return out;
}

const counts = (map: Partial<Record<string, number>>): string =>
  Object.entries(map)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ') || 'none';
