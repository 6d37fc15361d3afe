import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PolicyViolation } from 'aws-cdk-lib';
import type { PlatformConfig } from '../../../../infra/config';
import { NagAcknowledger } from '../../../../infra/lib/nag/acknowledger';
import { addEnvironment } from '../../../../infra/lib/environment';
import type { ImagesStack } from '../../../../infra/lib/images-stack';
import type { PlatformStack } from '../../../../infra/lib/platform-stack';

export const ROOT = resolve(__dirname, '../../../..');

/** The feature flags `npx cdk synth` uses, so tests build the same templates. */
function cdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface Built {
  readonly app: App;
  readonly stack: PlatformStack;
  readonly images: ImagesStack;
  readonly outdir: string;
  dispose(): void;
}

/** Builds the stack of one environment (no synthesis yet), with an optional acknowledger. */
export function buildPlatform(
  config: PlatformConfig,
  nag?: NagAcknowledger,
  connectorsDir = join(ROOT, 'connectors'),
): Built {
  const outdir = mkdtempSync(join(tmpdir(), 'mm2-infra-'));
  const app = new App({ outdir, context: cdkContext() });
  let stacks: ReturnType<typeof addEnvironment>;
  try {
    stacks = addEnvironment(app, config, { connectorsDir, nag });
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    stack: stacks.platform,
    images: stacks.images,
    outdir,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface Synthesized extends Built {
  readonly template: Template;
  readonly templatePath: string;
  readonly imagesTemplate: Template;
  readonly imagesTemplatePath: string;
  readonly json: {
    Resources: Record<
      string,
      { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }
    >;
    Outputs?: Record<string, unknown>;
  };
}

/** Builds and synthesizes once; the template file stays on disk (for cfn-lint) until dispose(). */
export function synthPlatform(config: PlatformConfig): Synthesized {
  const built = buildPlatform(config);
  const assembly = built.app.synth();
  const artifact = assembly.getStackByName(built.stack.stackName);
  const images = assembly.getStackByName(built.images.stackName);
  const json = artifact.template as Synthesized['json'];
  return {
    ...built,
    template: Template.fromJSON(json),
    templatePath: artifact.templateFullPath,
    imagesTemplate: Template.fromJSON(images.template as Record<string, unknown>),
    imagesTemplatePath: images.templateFullPath,
    json,
  };
}

/** cdk-nag AwsSolutions findings that nobody acknowledged in the app (both stacks), as `rule @ construct path`. */
export function nagFindings(scope: App | PlatformStack): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((v: PolicyViolation) =>
    v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath ?? '?'}`),
  );
}

export function omitting(predicate: (id: string, path: string) => boolean): NagAcknowledger {
  return new NagAcknowledger(predicate);
}

/** A copy of a config with some fields replaced (configs are deeply readonly). */
export function variant(
  config: PlatformConfig,
  patch: (draft: PlatformConfig) => PlatformConfig,
): PlatformConfig {
  return patch(structuredClone(config));
}

/** Logical ID of a construct's CloudFormation resource, from a token such as securityGroupId. */
export function logicalIdOf(stack: Stack, token: string): string {
  const resolved = stack.resolve(token) as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
  const id = resolved['Fn::GetAtt']?.[0] ?? resolved.Ref;
  if (!id) throw new Error(`not a reference: ${JSON.stringify(resolved)}`);
  return id;
}
