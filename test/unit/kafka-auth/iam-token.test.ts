// Issue 13: the bot's MSK IAM token, for given credentials: a base64url SigV4-presigned
// kafka-cluster:Connect request whose signature checks out when computed independently here.
// No AWS is reachable from the tests: whether MSK accepts it is not proven here (see README).
import { createHash, createHmac } from 'node:crypto';
import { iamTokenProvider, securityFor } from '../../../bot/adapters/kafka/kafka-auth';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE123456789',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLEsessionTOKEN//+=',
};
const REGION = 'eu-west-1';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
/** RFC 3986 encoding, as SigV4 canonicalises query strings. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 of a presigned GET, computed from the URL alone (User-Agent is appended after signing). */
function expectedSignature(url: URL, secretAccessKey: string): string {
  const params = [...url.searchParams.entries()].filter(
    ([k]) => k !== 'X-Amz-Signature' && k !== 'User-Agent',
  );
  const query = params
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = ['GET', '/', query, `host:${url.host}`, '', 'host', sha256('')].join('\n');
  const date = url.searchParams.get('X-Amz-Date')!;
  const scope = `${date.slice(0, 8)}/${REGION}/kafka-cluster/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, date.slice(0, 8));
  for (const part of [REGION, 'kafka-cluster', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

const decode = (token: string) => new URL(Buffer.from(token, 'base64url').toString('utf8'));

describe('MSK IAM token (OAUTHBEARER)', () => {
  it('is a base64url presigned kafka-cluster:Connect URL for the region, signed with the given credentials', async () => {
    const before = Date.now();
    const { value } = await iamTokenProvider(REGION, async () => CREDENTIALS)();
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = decode(value);
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe(`kafka.${REGION}.amazonaws.com`);
    expect(url.pathname).toBe('/');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('kafka-cluster:Connect');
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-SignedHeaders')).toBe('host');
    expect(Number(q.get('X-Amz-Expires'))).toBeGreaterThan(0);
    expect(Number(q.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(q.get('X-Amz-Security-Token')).toBe(CREDENTIALS.sessionToken);
    const date = q.get('X-Amz-Date')!;
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    const signedAt = Date.parse(
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
    );
    expect(Math.abs(signedAt - before)).toBeLessThan(60000);
    expect(q.get('X-Amz-Credential')).toBe(
      `${CREDENTIALS.accessKeyId}/${date.slice(0, 8)}/${REGION}/kafka-cluster/aws4_request`,
    );
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(q.get('X-Amz-Signature')).toBe(expectedSignature(url, CREDENTIALS.secretAccessKey));
    expect(q.get('User-Agent')).toMatch(/^aws-msk-iam-sasl-signer-js\//);
    // The secret key itself never travels.
    expect(Buffer.from(value, 'base64url').toString('utf8')).not.toContain(CREDENTIALS.secretAccessKey);
  });

  it('a different secret gives a signature that no longer verifies against the first', async () => {
    const { value } = await iamTokenProvider(REGION, async () => ({
      ...CREDENTIALS,
      secretAccessKey: 'another-secret',
    }))();
    const url = decode(value);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, 'another-secret'));
    expect(url.searchParams.get('X-Amz-Signature')).not.toBe(
      expectedSignature(url, CREDENTIALS.secretAccessKey),
    );
  });

  it('is what kafkajs gets through OAUTHBEARER in IAM mode, over TLS', async () => {
    const security = securityFor({ mode: 'iam', region: REGION, credentials: async () => CREDENTIALS });
    expect(security.ssl).toBe(true);
    const sasl = security.sasl as {
      mechanism: string;
      oauthBearerProvider: () => Promise<{ value: string }>;
    };
    expect(sasl.mechanism).toBe('oauthbearer');
    const url = decode((await sasl.oauthBearerProvider()).value);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, CREDENTIALS.secretAccessKey));
  });
});
