import { randomBytes } from 'node:crypto';

/** Slack-like identifiers. Message ts values are unique and strictly increasing, like Slack's. */
export class Ids {
  private lastMicros = 0;
  private counter = 0;

  ts(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  secret(bytes = 12): string {
    return randomBytes(bytes).toString('hex');
  }
}
