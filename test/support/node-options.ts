import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags the bot runs with in production (docker/bot/node-options, read by the image's CMD and by
 * `npm start`): tests and benches that run the bot pass the same ones, so what they measure is what runs.
 */
export function productionNodeOptions(root = join(__dirname, '../..')): string[] {
  return readFileSync(join(root, 'docker/bot/node-options'), 'utf8').trim().split(/\s+/).filter(Boolean);
}
