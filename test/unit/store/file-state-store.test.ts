import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import { stateStoreContract } from './contract';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

stateStoreContract('FileStateStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-state-'));
  dirs.push(dir);
  return new FileStateStore({ dir });
});
