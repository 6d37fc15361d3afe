import type { Block, View } from '../view';
import type { ConnectorStatus } from '../../ports/connect';
import { oneLine } from '../../usecases/connectors/connector-states';
import { capBlocks, context, header, section } from '../blocks';
import { icon } from './connector-blocks';
import { escapeText as esc } from '../mrkdwn';

export interface LifecycleOutcome {
  name: string;
  reached: boolean;
  status?: ConnectorStatus;
  note?: string;
}

const PAST: Record<string, string> = {
  pause: 'Paused',
  resume: 'Resumed',
  stop: 'Stopped',
  restart: 'Restarted',
};

/** Shown on the confirmation request: what will be acted on and where it is now. */
export function lifecyclePreviewView(
  action: string,
  failedOnly: boolean,
  before: Array<{ name: string; status?: ConnectorStatus }>,
): View {
  const what = `${action}${failedOnly ? ' (failed tasks only)' : ''}`;
  const blocks: Block[] = [
    header(`${capitalize(what)}: ${before.map((b) => b.name).join(', ')}`),
    ...before.map((b) =>
      section(`${icon(b.status?.connector.state)} *${esc(b.name)}* now: ${oneLine(b.status)}`),
    ),
  ];
  return { text: `${what} ${before.map((b) => b.name).join(', ')}`, blocks };
}

/** After the action: the state each connector reached (or did not). */
export function lifecycleResultView(action: string, failedOnly: boolean, outcomes: LifecycleOutcome[]): View {
  const ok = outcomes.every((o) => o.reached);
  const title = `${PAST[action] ?? action}${failedOnly ? ' failed tasks of' : ''} ${outcomes.map((o) => o.name).join(', ')}`;
  const blocks: Block[] = [
    header(title),
    ...outcomes.map((o) =>
      section(
        `${o.reached ? icon(o.status?.connector.state) : ':warning:'} *${esc(o.name)}*: ${oneLine(o.status)}${o.note ? ` (${esc(o.note)})` : ''}`,
      ),
    ),
  ];
  if (!ok)
    blocks.push(context('Not every connector reached the expected state: see `/mm2 status` for traces.'));
  const text = `${title}: ${outcomes.map((o) => `${o.name} ${o.status?.connector.state ?? 'not deployed'}`).join(', ')}`;
  return { text, blocks: capBlocks(blocks) };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
