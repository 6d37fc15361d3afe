import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Small kafkajs helpers for tests that talk to the lab's clusters. */
export function kafkaClient(bootstrap: string, clientId = 'lab-test'): Kafka {
  return new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function produce(bootstrap: string, topic: string, values: string[]): Promise<void> {
  const producer = kafkaClient(bootstrap).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: values.map((value, i) => ({ key: String(i), value })) });
  } finally {
    await producer.disconnect();
  }
}

/** Reads a topic from the beginning until `count` records arrived or `timeoutMs` passed. */
export async function consumeValues(
  bootstrap: string,
  topic: string,
  count: number,
  timeoutMs: number,
  groupId?: string,
): Promise<string[]> {
  const consumer = kafkaClient(bootstrap).consumer({
    groupId: groupId ?? `lab-test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value?.toString() ?? '');
        if (values.length >= count) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return values;
  } finally {
    await consumer.disconnect();
  }
}

/** Sum of end offsets minus start offsets: how many records a topic holds. */
export async function topicRecordCount(bootstrap: string, topic: string): Promise<number> {
  return withAdmin(bootstrap, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined, or fails naming `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    await sleep(intervalMs);
  }
}

/**
 * Creates topics and waits until every partition has a leader. kafkajs' own wait gives up on
 * "does not host this topic-partition", which a broker busy with another suite's deletions answers.
 */
export async function createTopics(
  bootstrap: string,
  topics: Array<{ topic: string; numPartitions: number; replicationFactor?: number }>,
): Promise<void> {
  await withAdmin(bootstrap, (admin) => admin.createTopics({ topics, waitForLeaders: false }));
  await eventually(
    `leaders for ${topics.map((t) => t.topic).join(', ')}`,
    () =>
      withAdmin(bootstrap, async (admin) => {
        for (const t of topics) {
          const offsets = await admin.fetchTopicOffsets(t.topic);
          if (offsets.length !== t.numPartitions) return undefined;
        }
        return true;
      }),
    60000,
    500,
  );
}
