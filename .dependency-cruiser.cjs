/**
 * The dependency rule of DESIGN.md, one way:
 *   slack listeners, console -> commands -> use cases -> ports <- adapters;  views are pure functions;
 *   domain depends on nothing of ours; only bot/main.ts and bot/wiring/ construct adapters.
 * Ports are declared in bot/ports/ only: adapters may not import use cases, so whatever an adapter
 * implements must live in ports (or domain).
 */
const vendors =
  'node_modules/(@slack|undici|@aws-sdk|kafkajs|ws|node-cron|pino|prom-client|aws-msk-iam-sasl-signer-js)/';

module.exports = {
  forbidden: [
    {
      name: 'usecases-stay-pure',
      comment: 'Use cases, ports and domain never reach vendors, adapters or a chat surface.',
      severity: 'error',
      from: { path: '^bot/(usecases|ports|domain|views)/' },
      to: { path: ['^bot/adapters/', '^bot/slack/', '^bot/console/', vendors] },
    },
    {
      name: 'nothing-below-commands-imports-commands',
      comment: 'Ports, use cases, views and domain are used by commands, never the other way round.',
      severity: 'error',
      from: { path: '^bot/(usecases|ports|domain|views|adapters)/' },
      to: { path: ['^bot/commands/', '^bot/wiring/', '^bot/main\\.ts$'] },
    },
    {
      name: 'adapters-implement-ports-not-usecases',
      comment: 'An adapter implements a port of bot/ports; it does not import use cases (or views).',
      severity: 'error',
      from: { path: '^bot/adapters/' },
      to: { path: ['^bot/usecases/', '^bot/views/', '^bot/slack/', '^bot/console/'] },
    },
    {
      name: 'ports-declare-only',
      comment: 'Ports are interfaces over domain types and the message shape (views/view.ts), nothing else.',
      severity: 'error',
      from: { path: '^bot/ports/' },
      to: { path: '^bot/', pathNot: ['^bot/ports/', '^bot/domain/', '^bot/views/view\\.ts$'] },
    },
    {
      name: 'domain-depends-on-nothing',
      severity: 'error',
      from: { path: '^bot/domain/' },
      to: { path: '^bot/', pathNot: '^bot/domain/' },
    },
    {
      name: 'usecases-do-not-render',
      comment: 'Use cases get their renderers injected; the Block Kit lives in views.',
      severity: 'error',
      from: { path: '^bot/usecases/' },
      to: { path: '^bot/views/', pathNot: '^bot/views/view\\.ts$' },
    },
    {
      name: 'adapters-constructed-only-in-main',
      severity: 'error',
      from: { path: '^bot/', pathNot: ['^bot/main\\.ts$', '^bot/adapters/', '^bot/wiring/'] },
      to: { path: '^bot/adapters/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
