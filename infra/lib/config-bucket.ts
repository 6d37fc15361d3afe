import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { NagAcknowledger } from './nag/acknowledger';
import { wildcardActionFinding, wildcardResourceFinding } from './nag/wildcards';
import { removalPolicyOf } from './removal';

/** Key prefixes: connectors/ is deployed under config/, the bot keeps its state under state/. */
export const CONFIG_PREFIX = 'config/';
export const STATE_PREFIX = 'state/';
/**
 * Where the bot's audit trail lives under state/ (bot/usecases/audit/audit-keys.ts: one object per
 * record or group-committed batch under audit/<day>/, one marker per day under audit-days/, both
 * written with If-None-Match).
 */
export const AUDIT_PREFIXES = ['audit/', 'audit-days/'] as const;

export interface ConfigBucketProps {
  /** Local folder deployed under config/ (the repository's connectors/). */
  readonly connectorsDir: string;
  readonly removal: 'retain' | 'destroy';
  readonly nag: NagAcknowledger;
}

/**
 * The S3 bucket for connector templates, worker configs and profiles (config/) and the bot's state
 * store (state/): versioned, encrypted, TLS only, never public, with server access logs.
 */
export class ConfigBucket extends Construct {
  readonly bucket: s3.Bucket;
  /** Writes connectors/ under config/: services that read it at start depend on it. */
  readonly deployment: s3deploy.BucketDeployment;
  private readonly nag: NagAcknowledger;
  private readonly connectorsDir: string;

  constructor(scope: Construct, id: string, props: ConfigBucketProps) {
    super(scope, id);
    this.nag = props.nag;
    this.connectorsDir = props.connectorsDir;
    const removalPolicy = removalPolicyOf(props.removal);
    const destroy = props.removal === 'destroy';

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy,
      autoDeleteObjects: destroy,
    });
    (accessLogs.node.defaultChild as s3.CfnBucket).overrideLogicalId('ConfigAccessLogsBucket');

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'config-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: destroy,
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId('ConfigBucket');

    this.deployment = new s3deploy.BucketDeployment(this, 'Connectors', {
      sources: [s3deploy.Source.asset(props.connectorsDir, { exclude: ['**/*.md'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONFIG_PREFIX,
      prune: true,
      retainOnDelete: !destroy,
    });
    acknowledgeDeploymentLambda(this, this.bucket, props.nag);
  }

  /** SHA-256 (first 16 hex digits) of a file of connectors/ as deployed: changes when the file does. */
  digestOf(key: string): string {
    return createHash('sha256')
      .update(readFileSync(join(this.connectorsDir, key)))
      .digest('hex')
      .slice(0, 16);
  }

  /** s3 URI of a key under config/. */
  configUri(key: string): string {
    return `s3://${this.bucket.bucketName}/${CONFIG_PREFIX}${key}`;
  }

  get stateUri(): string {
    return `s3://${this.bucket.bucketName}/${STATE_PREFIX.replace(/\/$/, '')}`;
  }

  /** Read objects under config/ and list that prefix, nothing else. */
  grantReadConfig(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resourceArns: [this.bucket.arnForObjects(`${CONFIG_PREFIX}*`)],
    });
    this.grantList(grantee, [CONFIG_PREFIX]);
    this.nag.acknowledge(grantee.grantPrincipal as unknown as Construct, {
      id: wildcardResourceFinding(this, this.bucket.arnForObjects(`${CONFIG_PREFIX}*`)),
      reason:
        'Reads the objects under config/ only: connector templates, worker configs and profiles, whose names change with each release.',
    });
  }

  /** Read and write objects under state/ and list that prefix (conditional writes need Get and Put). */
  grantReadWriteState(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resourceArns: [this.bucket.arnForObjects(`${STATE_PREFIX}*`)],
    });
    this.grantList(grantee, [STATE_PREFIX]);
    this.nag.acknowledge(grantee.grantPrincipal as unknown as Construct, {
      id: wildcardResourceFinding(this, this.bucket.arnForObjects(`${STATE_PREFIX}*`)),
      reason: 'The bot state store writes one object per approval, audit record and lease under state/ only.',
    });
  }

  /**
   * The audit trail under state/ is write-once for the bot: a bucket policy denies its role every delete
   * (of an object or a version) under the audit prefixes, and every PutObject there without
   * `If-None-Match: *`, so it can add records but never replace or remove one. The bucket policy holds even
   * if someone later widens the role's own policy; versioning keeps whatever an administrator overwrites.
   */
  protectAuditTrail(role: iam.IRole): void {
    const audit = AUDIT_PREFIXES.map((p) => this.bucket.arnForObjects(`${STATE_PREFIX}${p}*`));
    const principals = [new iam.ArnPrincipal(role.roleArn)];
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AuditTrailNeverDeleted',
        effect: iam.Effect.DENY,
        principals,
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'],
        resources: audit,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AuditTrailWriteOnce',
        effect: iam.Effect.DENY,
        principals,
        actions: ['s3:PutObject'],
        resources: audit,
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
  }

  /** List keys of the given prefixes only. */
  grantList(grantee: iam.IGrantable, prefixes: string[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
    });
  }
}

/** BucketDeployment brings a CDK-provided Lambda, created once per stack, that copies the asset zip. */
function acknowledgeDeploymentLambda(scope: Construct, bucket: s3.IBucket, nag: NagAcknowledger): void {
  const stack = Stack.of(scope);
  const deployment = stack.node.tryFindChild('Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C');
  if (!deployment) return;
  // The default bootstrap's asset bucket, as DefaultStackSynthesizer names it.
  const assetBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
    '${Qualifier}',
    DefaultStackSynthesizer.DEFAULT_QUALIFIER,
  )
    .replace('${AWS::AccountId}', stack.account)
    .replace('${AWS::Region}', stack.region);
  const reason =
    'CDK BucketDeployment Lambda: copies the connectors/ asset from the CDK asset bucket into the config bucket during deployments; CDK writes this policy.';
  nag.acknowledge(
    deployment,
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK BucketDeployment Lambda: the AWS managed basic execution policy only lets it write its own logs.',
    },
    {
      id: 'AwsSolutions-L1',
      reason: 'CDK BucketDeployment picks its own Lambda runtime; it runs only during deployments.',
    },
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
      id: wildcardActionFinding(action),
      reason,
    })),
    { id: wildcardResourceFinding(scope, `arn:${Aws.PARTITION}:s3:::${assetBucket}/*`), reason },
    { id: wildcardResourceFinding(scope, bucket.arnForObjects('*')), reason },
  );
}
