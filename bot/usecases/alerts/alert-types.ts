export type Severity = 'warning' | 'critical';

/**
 * What one check saw for one problem key this round:
 * `active` the problem is there, `clear` it is not, `hold` in the hysteresis band (keep the current state).
 */
export interface Observation {
  key: string;
  state: 'active' | 'clear' | 'hold';
  severity: Severity;
  title: string;
  detail: string;
  /** How long it must stay active before a thread opens (sustained lag); 0 = at once. */
  openAfterMs: number;
}

/** A detector covers one family of keys (`family:...`); when it cannot look, its keys are held. */
export interface Detector {
  family: string;
  observe(): Promise<Observation[]>;
}

export interface AlertState {
  key: string;
  status: 'pending' | 'opening' | 'open' | 'resolved';
  severity: Severity;
  title: string;
  detail: string;
  firstSeen: number;
  lastSeen: number;
  openedAt?: number;
  /** Since when it has looked clear (hysteresis before resolving). */
  clearSince?: number;
  resolvedAt?: number;
  channel?: string;
  ts?: string;
  lastPostedDetail?: string;
  lastPostedAt?: number;
  updates: number;
}
