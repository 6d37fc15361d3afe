export interface ConfigDiff {
  kind: 'new' | 'changed' | 'same';
  added: Array<[key: string, value: string]>;
  removed: Array<[key: string, value: string]>;
  changed: Array<[key: string, before: string, after: string]>;
}

/** Compares the running config (undefined: not deployed) with the desired one, keys sorted. */
export function diffConfigs(
  running: Record<string, string> | undefined,
  desired: Record<string, string>,
): ConfigDiff {
  if (running === undefined) {
    return { kind: 'new', added: sortedEntries(desired), removed: [], changed: [] };
  }
  const added: ConfigDiff['added'] = [];
  const changed: ConfigDiff['changed'] = [];
  for (const [key, value] of sortedEntries(desired)) {
    const before = running[key];
    if (before === undefined) added.push([key, value]);
    else if (before !== value) changed.push([key, before, value]);
  }
  const removed = sortedEntries(running).filter(([key]) => !(key in desired));
  const same = added.length === 0 && removed.length === 0 && changed.length === 0;
  return { kind: same ? 'same' : 'changed', added, removed, changed };
}

const sortedEntries = (map: Record<string, string>): Array<[string, string]> =>
  Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
