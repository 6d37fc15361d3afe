import type { Block, View } from '../view';
import { capBlocks, codeBlock, context, header } from '../blocks';

const CHUNK = 2800;

/** `/mm2 config <name>`: the running config (already redacted), sorted, split over code blocks. */
export function configView(name: string, config: Record<string, string> | undefined): View {
  if (!config) {
    return {
      text: `${name} is not deployed`,
      blocks: [header(`Config · ${name}`), context(`Not deployed: run \`/mm2 deploy ${name}\`.`)],
    };
  }
  const lines = Object.keys(config)
    .sort()
    .map((k) => `${k}=${config[k]}`);
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current.length + line.length + 1 > CHUNK && current) {
      chunks.push(current);
      current = '';
    }
    current += `${current ? '\n' : ''}${line}`;
  }
  if (current) chunks.push(current);
  const blocks: Block[] = [
    header(`Config · ${name}`),
    ...chunks.map((c) => codeBlock(c)),
    context(`${lines.length} settings, secrets redacted.`),
  ];
  return { text: `${name}: ${lines.length} settings`, blocks: capBlocks(blocks) };
}
