import type { Block, View } from '../view';
import type { ConnectorStatus } from '../../ports/connect';
import { oneLine } from '../../usecases/connectors/connector-states';
import { capBlocks, codeBlock, context, header, section } from '../blocks';
import { icon } from './connector-blocks';
import { escapeText } from '../mrkdwn';

export interface DeployItem {
  name: string;
  kind: 'new' | 'changed' | 'same';
  /** The redacted diff text. */
  diff: string;
  errors: Array<{ field: string; messages: string[] }>;
}

export interface DeployPreview {
  profileName: string;
  dryRun: boolean;
  items: DeployItem[];
}

export interface DeployOutcome {
  name: string;
  reached: boolean;
  status?: ConnectorStatus;
  note?: string;
}

const MAX_ERRORS = 25;

/** Render + validate + diff: shown for `--dry-run`, on the approval request, and when Connect refuses. */
export function deployPreviewView(preview: DeployPreview): View {
  const invalid = preview.items.filter((i) => i.errors.length > 0);
  const changed = preview.items.filter((i) => i.kind !== 'same');
  const blocks: Block[] = [
    header(`${preview.dryRun ? 'Deploy dry run' : 'Deploy'} · ${preview.profileName}`),
  ];
  if (invalid.length > 0) {
    blocks.push(section(`:no_entry: *Connect rejects the rendered config: nothing will be applied.*`));
    blocks.push(...errorBlocks(invalid));
  } else if (changed.length === 0) {
    blocks.push(
      section(
        ':white_check_mark: *No change*: the running configs match the templates. Nothing to apply or restart.',
      ),
    );
  } else {
    blocks.push(section(`Validated by Connect. ${summary(preview.items)}`));
  }
  for (const item of changed)
    blocks.push(codeBlock(item.diff, `*${item.name}*: ${item.kind === 'new' ? 'new' : 'changed'}`));
  if (preview.dryRun) blocks.push(context('Dry run: nothing was applied.'));
  return { text: previewText(preview, invalid.length), blocks: capBlocks(blocks) };
}

/** After apply and follow: where each connector ended up, with the diffs that were applied. */
export function deployResultView(preview: DeployPreview, outcomes: DeployOutcome[]): View {
  const changed = preview.items.filter((i) => i.kind !== 'same');
  if (changed.length === 0) {
    return {
      text: `Deploy ${preview.profileName}: no change, nothing applied or restarted`,
      blocks: [
        header(`Deploy · ${preview.profileName}`),
        section(
          ':white_check_mark: *No change*: the running configs match the templates. Nothing applied or restarted.',
        ),
      ],
    };
  }
  const allGood = outcomes.every((o) => o.reached);
  const blocks: Block[] = [header(`Deploy · ${preview.profileName}`)];
  blocks.push(
    section(
      allGood
        ? `:white_check_mark: Applied ${changed.length} connector(s); every task is running.`
        : ':warning: Applied, but not every connector reached its state: see below and `/mm2 status`.',
    ),
  );
  for (const o of outcomes) {
    blocks.push(
      section(
        `${icon(o.status?.connector.state)} *${escapeText(o.name)}*: ${oneLine(o.status)}${o.note ? ` (${escapeText(o.note)})` : ''}`,
      ),
    );
  }
  const unchanged = preview.items.filter((i) => i.kind === 'same').map((i) => i.name);
  if (unchanged.length > 0) blocks.push(context(`No change: ${unchanged.map(escapeText).join(', ')}`));
  for (const item of changed) blocks.push(codeBlock(item.diff, `*${escapeText(item.name)}*: ${item.kind}`));
  const text = `Deploy ${preview.profileName}: ${outcomes.map((o) => `${o.name} ${o.status?.connector.state ?? '?'}`).join(', ')}`;
  return { text, blocks: capBlocks(blocks) };
}

function errorBlocks(invalid: DeployItem[]): Block[] {
  const lines: string[] = [];
  for (const item of invalid) {
    for (const e of item.errors)
      for (const m of e.messages) lines.push(`• *${item.name}* \`${escapeText(e.field)}\`: ${escapeText(m)}`);
  }
  const shown = lines.slice(0, MAX_ERRORS);
  const blocks: Block[] = [];
  for (let i = 0; i < shown.length; i += 5) blocks.push(section(shown.slice(i, i + 5).join('\n')));
  if (lines.length > shown.length) blocks.push(context(`… and ${lines.length - shown.length} more errors`));
  return blocks;
}

const summary = (items: DeployItem[]): string =>
  items.map((i) => `${i.name}: ${i.kind === 'same' ? 'no change' : i.kind}`).join(', ');

function previewText(preview: DeployPreview, invalid: number): string {
  if (invalid > 0) {
    const first = preview.items.flatMap((i) =>
      i.errors.map((e) => `${i.name} ${e.field}: ${e.messages[0] ?? ''}`),
    )[0];
    return `Deploy ${preview.profileName} refused by Connect validation: ${first}`;
  }
  return `Deploy ${preview.profileName}${preview.dryRun ? ' (dry run)' : ''}: ${summary(preview.items)}`;
}
