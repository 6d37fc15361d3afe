// Issue 15 item 12: a profile kept outside connectors/profiles/ works; templates default to the
// project's own, can be pointed elsewhere, and every read error names the setting to change.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../bot/config/load-config';
import { systemClock } from '../../../bot/domain/clock';
import { createProfileSource } from '../../../bot/wiring/backends';

const repo = resolve(__dirname, '../../..');
const elsewhere = mkdtempSync(join(tmpdir(), 'mm2-profile-'));
const mine = join(elsewhere, 'mine.yml');
copyFileSync(join(repo, 'connectors/profiles/lab.yml'), mine);

const load = (env: Record<string, string>) => createProfileSource(loadConfig(env, repo), systemClock).load();

test('a profile in any folder loads with the project templates', async () => {
  const loaded = await load({ MM2_PROFILE: mine });
  expect(loaded.profile.name).toBeTruthy();
  expect(loadConfig({ MM2_PROFILE: mine }, repo).templatesDir).toBe(join(repo, 'connectors/templates'));
});

test('MM2_TEMPLATES_DIR points the templates elsewhere; a missing one is named in the error', async () => {
  await expect(load({ MM2_PROFILE: mine, MM2_TEMPLATES_DIR: join(elsewhere, 'none') })).rejects.toThrow(
    /MM2_TEMPLATES_DIR/,
  );
  await expect(
    load({ MM2_PROFILE: mine, MM2_TEMPLATES_DIR: join(repo, 'connectors/templates') }),
  ).resolves.toBeTruthy();
});

test('a missing profile names MM2_PROFILE', async () => {
  await expect(load({ MM2_PROFILE: join(elsewhere, 'absent.yml') })).rejects.toThrow(/MM2_PROFILE/);
});
