import type { Block, View } from '../views/view';

export interface ConsoleButton {
  label: string;
  actionId: string;
  value: string;
}

type TextObject = { text?: string };

/** Slack mrkdwn to terminal text: entities back to characters, mentions and channels readable. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<@([A-Z0-9a-z._-]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderBlock(block: Block, buttons: ConsoleButton[]): string[] {
  const text = (block.text as TextObject | undefined)?.text ?? '';
  switch (block.type) {
    case 'header':
      return [`== ${plain(text)} ==`];
    case 'section': {
      const fields = ((block.fields as TextObject[] | undefined) ?? []).map(
        (f) => `  ${plain(f.text ?? '')}`,
      );
      return [...(text ? [plain(text)] : []), ...fields];
    }
    case 'context':
      return [
        ((block.elements as TextObject[] | undefined) ?? []).map((e) => `  ${plain(e.text ?? '')}`).join(' '),
      ];
    case 'divider':
      return ['----'];
    case 'actions': {
      const elements =
        (block.elements as Array<{ text?: TextObject; action_id: string; value?: string }> | undefined) ?? [];
      const labels = elements.map((e) => {
        buttons.push({ label: e.text?.text ?? e.action_id, actionId: e.action_id, value: e.value ?? '' });
        return `[${buttons.length}] ${e.text?.text ?? e.action_id}`;
      });
      return [`  ${labels.join('   ')}   (type the number to click)`];
    }
    default:
      return [`(${block.type} block)`];
  }
}

/** Block Kit as readable text, with buttons turned into numbered choices. */
export function renderText(view: View): { text: string; buttons: ConsoleButton[] } {
  const buttons: ConsoleButton[] = [];
  const lines =
    view.blocks.length > 0 ? view.blocks.flatMap((b) => renderBlock(b, buttons)) : [plain(view.text)];
  return { text: lines.join('\n'), buttons };
}
