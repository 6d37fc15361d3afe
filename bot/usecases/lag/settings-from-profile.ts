import type { Profile } from '../../domain/profile/profile-schema';
import type { LagReporterSettings } from './lag-reporter';
import type { LagThresholds } from './lag-types';

/** MM2 matches each pattern against the whole name; one anchored alternation does the same in JS. */
const anyOf = (patterns: string[]): string | undefined =>
  patterns.length === 0 ? undefined : `^(?:${patterns.map((p) => `(?:${p})`).join('|')})$`;

export const thresholdsFromProfile = (profile: Pick<Profile, 'checks'>): LagThresholds => ({
  lagRecords: profile.checks.lagRecords,
  latencyMs: profile.checks.lagMs,
  checkpointAgeSeconds: profile.checks.checkpointAgeSeconds,
});

/** The lag report's settings for a migration profile: its connector, aliases, topics, groups and checks. */
export const lagSettingsFromProfile = (
  profile: Pick<Profile, 'connectors' | 'source' | 'target' | 'topics' | 'groups' | 'checks'>,
): LagReporterSettings => {
  const settings: LagReporterSettings = {
    sourceConnector: profile.connectors.source,
    sourceAlias: profile.source.alias,
    targetAlias: profile.target.alias,
    thresholds: thresholdsFromProfile(profile),
  };
  const topicsInclude = anyOf(profile.topics.include);
  const topicsExclude = anyOf(profile.topics.exclude);
  const groupsInclude = anyOf(profile.groups.include);
  const groupsExclude = anyOf(profile.groups.exclude);
  if (topicsInclude) settings.topicsInclude = topicsInclude;
  if (topicsExclude) settings.topicsExclude = topicsExclude;
  if (groupsInclude) settings.groupsInclude = groupsInclude;
  if (groupsExclude) settings.groupsExclude = groupsExclude;
  return settings;
};
