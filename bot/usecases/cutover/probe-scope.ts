import { compileRegex } from '../../domain/topic-filter';

/** The profile's topic patterns, as the lag settings carry them (alternatives joined with `|`). */
export interface ProbeTopicPatterns {
  topicsInclude?: string;
  topicsExclude?: string;
}

/**
 * Which topics the cutover probe measures. The patterns come from the profile (outside the code), so
 * they run on the same linear-time engine as `/mm2 lag`'s: a pattern cannot stall the gates.
 */
export function probeTopicScope(patterns: ProbeTopicPatterns): (topic: string) => boolean {
  const include =
    patterns.topicsInclude === undefined
      ? undefined
      : compileRegex(patterns.topicsInclude, 'profile topics include pattern');
  const exclude =
    patterns.topicsExclude === undefined
      ? undefined
      : compileRegex(patterns.topicsExclude, 'profile topics exclude pattern');
  return (topic) => (include === undefined || include.test(topic)) && !(exclude?.test(topic) ?? false);
}
