import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** An S3 client for a local moto server: path-style addressing, dummy credentials, no retries. */
export function motoS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
}

export async function createBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
}
