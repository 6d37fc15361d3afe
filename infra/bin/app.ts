import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFor } from '../config';
import { addEnvironment } from '../lib/environment';

// The environment is read here only: `npx cdk deploy -c env=prod`, or MM2_ENV=prod; lab by default.
// No account comes from the CLI's credentials: an account makes CDK look things up, and synth must
// stay offline. Environments that need one name it in their config.
const app = new App();
const envName = String(app.node.tryGetContext('env') ?? process.env.MM2_ENV ?? 'lab');

addEnvironment(app, configFor(envName), { connectorsDir: resolve(__dirname, '../../connectors') });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
