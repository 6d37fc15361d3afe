import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { profileSchema } from '../../../bot/domain/profile/profile-schema';
import { lagSettingsFromProfile } from '../../../bot/usecases/lag/settings-from-profile';
import { compileRegex, inScope } from '../../../bot/domain/topic-filter';

describe('lag settings from the migration profile', () => {
  it("takes the lab profile's connector, aliases, checks and topic/group patterns (whole-name match, like MM2)", () => {
    const profile = profileSchema.parse(
      parse(readFileSync(join(__dirname, '../../../connectors/profiles/lab.yml'), 'utf8')),
    );
    const settings = lagSettingsFromProfile(profile);
    expect(settings).toMatchObject({
      sourceConnector: 'mm2-source',
      sourceAlias: 'source',
      targetAlias: 'target',
      thresholds: {
        lagRecords: { amber: 1000, red: 10000 },
        latencyMs: { amber: 30000, red: 120000 },
        checkpointAgeSeconds: { amber: 60, red: 300 },
      },
    });
    const scope = {
      include: compileRegex(settings.topicsInclude as string, 'include'),
      exclude: compileRegex(settings.topicsExclude as string, 'exclude'),
    };
    expect(
      ['orders', 'clicks', 'payments', 'orders2', 'x.internal', '__consumer_offsets'].filter((t) =>
        inScope(scope, t),
      ),
    ).toEqual(['orders', 'clicks', 'payments']);
    expect(new RegExp(settings.groupsExclude as string).test('connect-mm2-source')).toBe(true);
    expect(new RegExp(settings.groupsExclude as string).test('lab-orders-consumer')).toBe(false);
  });
});
