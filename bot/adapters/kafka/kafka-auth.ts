import type { ConnectionOptions } from 'tls';
import type { SASLOptions } from 'kafkajs';
import { generateAuthToken, generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';

/** How the bot authenticates to one cluster. Secrets arrive resolved from config, never logged. */
export type KafkaAuth =
  | { mode: 'plaintext' }
  | {
      mode: 'tls';
      /** PEM strings; or a PKCS12 keystore (`pfx` + `passphrase`). Node cannot read JKS. */
      ca?: string;
      cert?: string;
      key?: string;
      pfx?: Buffer;
      passphrase?: string;
      rejectUnauthorized?: boolean;
    }
  | {
      mode: 'scram';
      mechanism: 'scram-sha-256' | 'scram-sha-512';
      username: string;
      password: string;
      ca?: string;
    }
  | {
      mode: 'iam';
      region: string;
      /** Credentials to sign with; the AWS default chain (e.g. the ECS task role) when absent. */
      credentials?: AwsCredentialsProvider;
    };

/** The shape of an AWS SDK credential provider (kept structural: no AWS SDK types in this module's API). */
export type AwsCredentialsProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}>;

export interface KafkaSecurity {
  ssl?: ConnectionOptions | boolean;
  sasl?: SASLOptions;
}

/**
 * MSK IAM: a SigV4-presigned `kafka-cluster:Connect` request, base64url-encoded, sent through OAUTHBEARER
 * (what MSK's IAM listener accepts from non-Java clients). Signed with `credentials`, else the default chain.
 */
export const iamTokenProvider = (region: string, credentials?: AwsCredentialsProvider) => async () => {
  const { token } = credentials
    ? await generateAuthTokenFromCredentialsProvider({ region, awsCredentialsProvider: credentials })
    : await generateAuthToken({ region });
  return { value: token };
};

export const securityFor = (auth: KafkaAuth): KafkaSecurity => {
  switch (auth.mode) {
    case 'plaintext':
      return {};
    case 'tls': {
      const { ca, cert, key, pfx, passphrase, rejectUnauthorized } = auth;
      const tls: ConnectionOptions = {};
      if (ca) tls.ca = [ca];
      if (cert) tls.cert = cert;
      if (key) tls.key = key;
      if (pfx) tls.pfx = pfx;
      if (passphrase) tls.passphrase = passphrase;
      if (rejectUnauthorized !== undefined) tls.rejectUnauthorized = rejectUnauthorized;
      return { ssl: Object.keys(tls).length > 0 ? tls : true };
    }
    case 'scram':
      return {
        ssl: auth.ca ? { ca: [auth.ca] } : true,
        sasl: { mechanism: auth.mechanism, username: auth.username, password: auth.password },
      };
    case 'iam':
      return {
        ssl: true,
        sasl: {
          mechanism: 'oauthbearer',
          oauthBearerProvider: iamTokenProvider(auth.region, auth.credentials),
        },
      };
  }
};
