export interface CommandMetrics {
  commandFinished(verb: string, outcome: 'ok' | 'refused' | 'error' | 'requested', seconds: number): void;
}
