import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandMetrics } from '../../ports/command-metrics';

/** The bot's own metrics on a registry of its own (no global default registry). */
export class PromMetrics implements CommandMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'mm2_bot_commands_total',
    help: 'Commands handled, by verb and outcome',
    labelNames: ['verb', 'outcome'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'mm2_bot_errors_total',
    help: 'Commands that ended in an error, by verb',
    labelNames: ['verb'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'mm2_bot_command_duration_seconds',
    help: 'Time from receipt to final answer',
    labelNames: ['verb'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
    registers: [this.registry],
  });
  private readonly reconnects = new Counter({
    name: 'mm2_bot_socket_reconnects_total',
    help: 'Socket Mode reconnections',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mm2_bot_' });
  }

  commandFinished(verb: string, outcome: 'ok' | 'refused' | 'error' | 'requested', seconds: number): void {
    this.commands.inc({ verb, outcome });
    if (outcome === 'error') this.errors.inc({ verb });
    this.latency.observe({ verb }, seconds);
  }

  socketReconnected(): void {
    this.reconnects.inc();
  }
}
