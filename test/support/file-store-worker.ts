// Run as a separate process by the FileStateStore tests:
// `tsx file-store-worker.ts <dir> <create|increment> <n> <start at, epoch ms>`.
import { FileStateStore } from '../../bot/adapters/store/file-state-store';
import { isAppError } from '../../bot/domain/errors';

async function main() {
  const [dir, mode, count, startAt] = process.argv.slice(2);
  const store = new FileStateStore({ dir: dir! });
  // Start together with the other workers, so they really contend.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  if (mode === 'create') {
    try {
      await store.put('race/create.json', { pid: process.pid }, 'absent');
      process.stdout.write('won\n');
    } catch (error) {
      process.stdout.write(isAppError(error, 'STATE_CONFLICT') ? 'lost\n' : `error ${String(error)}\n`);
    }
    return;
  }
  let conflicts = 0;
  for (let i = 0; i < Number(count); i++) {
    for (;;) {
      const current = await store.get<{ n: number }>('race/counter.json');
      try {
        await store.put('race/counter.json', { n: current!.value.n + 1 }, { version: current!.version });
        break;
      } catch (error) {
        if (!isAppError(error, 'STATE_CONFLICT')) throw error;
        conflicts++;
      }
    }
  }
  process.stdout.write(`done ${conflicts}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`error ${String(error)}\n`);
  process.exitCode = 1;
});
