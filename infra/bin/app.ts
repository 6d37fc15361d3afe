import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFor } from '../config';
import { PlatformStack } from '../lib/platform-stack';

// The environment is read here only: `npx cdk deploy -c env=prod`, or MM2_ENV=prod; lab by default.
const app = new App();
const envName = String(app.node.tryGetContext('env') ?? process.env.MM2_ENV ?? 'lab');
const config = configFor(envName);

new PlatformStack(app, config.stackName, {
  config,
  connectorsDir: resolve(__dirname, '../../connectors'),
  // No account from the CLI's credentials: an account makes CDK look things up, and synth must stay offline.
  env: { account: config.account, region: config.region },
  description: `MM2 migration platform (${config.name}): MSK, Kafka Connect, Prometheus, Grafana, Slack bot`,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
