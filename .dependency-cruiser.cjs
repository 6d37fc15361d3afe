/** The dependency rule of DESIGN.md: use cases and ports never reach vendors or adapters;
 *  only bot/main.ts constructs adapters. */
module.exports = {
  forbidden: [
    {
      name: 'usecases-stay-pure',
      severity: 'error',
      from: { path: '^bot/(usecases|ports|domain)/' },
      to: {
        path: [
          '^bot/adapters/',
          '^bot/slack/',
          '^bot/console/',
          'node_modules/(@slack|undici|@aws-sdk|kafkajs|ws|node-cron|pino|prom-client|aws-msk-iam-sasl-signer-js)/',
        ],
      },
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
