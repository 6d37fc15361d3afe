import { join } from 'node:path';
import { repoRoot, startAppProcess, type AppProcess } from '../../support/app-process';
import { productionNodeOptions } from '../../support/node-options';

export interface BotProcess extends AppProcess {
  metricsPort: number;
}

/** The real bot (bot/main.ts) as its own process, started with `env`; resolves once it logs "ready". */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 60000): Promise<BotProcess> {
  const bot = await startAppProcess(
    [...productionNodeOptions(), '--import', 'tsx', join(repoRoot, 'bot/main.ts')],
    env,
    /"mm2-chatops ready"/,
    timeoutMs,
  );
  return { ...bot, metricsPort: (JSON.parse(bot.readyLine) as { metricsPort: number }).metricsPort };
}
