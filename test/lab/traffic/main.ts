// The lab's traffic generator, run as its own process by `lab:up`: it creates the source topics,
// produces to each at LAB_TRAFFIC_RATE records/s, and runs a consumer group on the source so that
// lag and group offset sync can be observed. Progress goes to <run>/traffic/stats.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { labConfig } from '../config';
import { endpointsFor } from '../endpoints';
import { LAB_CONSUMED_TOPIC, LAB_CONSUMER_GROUP, labTopics } from './topics';

async function main(): Promise<void> {
  const config = labConfig();
  const kafka = new Kafka({
    clientId: 'lab-traffic',
    brokers: [endpointsFor(config).source],
    logLevel: logLevel.WARN,
  });
  const topics = labTopics(config.traffic.manyPartitions);
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  await admin.createTopics({ topics: topics.filter((t) => !existing.has(t.topic)), waitForLeaders: true });
  await admin.disconnect();

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: LAB_CONSUMER_GROUP });
  await consumer.connect();
  await consumer.subscribe({ topic: LAB_CONSUMED_TOPIC, fromBeginning: true });
  const stats = {
    produced: {} as Record<string, number>,
    consumed: 0,
    startedAt: new Date().toISOString(),
    updatedAt: '',
  };
  await consumer.run({ autoCommitInterval: 1000, eachMessage: async () => void stats.consumed++ });

  const statsFile = join(config.runDir, 'traffic', 'stats.json');
  let sequence = 0;
  const tick = async () => {
    const perTopic = Math.max(0, Math.round(config.traffic.recordsPerSecond / 5));
    if (perTopic === 0) return;
    await producer.sendBatch({
      topicMessages: topics.map(({ topic }) => ({
        topic,
        messages: Array.from({ length: perTopic }, () => {
          sequence++;
          return {
            key: `k${sequence % 97}`,
            value: JSON.stringify({ seq: sequence, at: Date.now(), topic }),
          };
        }),
      })),
    });
    for (const { topic } of topics) stats.produced[topic] = (stats.produced[topic] ?? 0) + perTopic;
  };
  const producing = setInterval(
    () => void tick().catch((e: Error) => console.error('produce failed:', e.message)),
    200,
  );
  const reporting = setInterval(() => {
    stats.updatedAt = new Date().toISOString();
    writeFileSync(statsFile, JSON.stringify(stats));
  }, 1000);

  const stop = async () => {
    clearInterval(producing);
    clearInterval(reporting);
    await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  console.log(
    `traffic: producing ${config.traffic.recordsPerSecond} records/s to each of ${topics.map((t) => t.topic).join(', ')}`,
  );
}

main().catch((error: Error) => {
  console.error('traffic generator failed:', error.message);
  process.exit(1);
});
