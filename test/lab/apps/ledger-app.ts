// A migrating application of the lab (issue 11): a producer or a consumer group that writes or reads
// numbered records and keeps a ledger of every number, so a cutover's loss and duplicates are counted
// exactly. Run as its own process (by the ECS reconciler, or by hand); its bootstrap servers come
// from KAFKA_BOOTSTRAP_SERVERS, so the same app points at the source or the target.
//   LEDGER_ROLE=producer|consumer  LEDGER_TOPIC  LEDGER_GROUP (consumer)  LEDGER_DIR (ledger files)
//   LEDGER_WRITER (producer: its name, so two writers never share numbers)  LEDGER_RATE (records/s)
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { ledgerFiles } from './ledger';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: give it in the environment (see test/lab/apps/ledger-app.ts).`);
  return value;
}

const kafkaFor = (clientId: string) =>
  new Kafka({
    clientId,
    brokers: required('KAFKA_BOOTSTRAP_SERVERS').split(','),
    logLevel: logLevel.WARN,
    retry: { retries: 8 },
  });

/** Writes `<writer>:<n>` records; a number enters the ledger only once the cluster acknowledged it. */
async function runProducer(dir: string, topic: string): Promise<() => Promise<void>> {
  const writer = required('LEDGER_WRITER');
  const file = ledgerFiles(dir).produced(writer);
  // Numbers continue after a restart: the ledger is the producer's memory.
  let next = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
  const rate = Number(process.env.LEDGER_RATE ?? '20');
  const producer = kafkaFor(`ledger-producer-${writer}`).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const started = Date.now();
      const ids = Array.from({ length: Math.max(1, Math.round(rate / 10)) }, () => `${writer}:${++next}`);
      try {
        await producer.send({ topic, acks: -1, messages: ids.map((id) => ({ key: id, value: id })) });
        appendFileSync(file, ids.map((id) => `${id}\n`).join(''));
      } catch (error) {
        // Not acknowledged: not in the ledger (if it did land, the consumer will show it, never a loss).
        console.error(`send failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - started))));
    }
  })();
  return async () => {
    stopping = true;
    await loop;
    await producer.disconnect();
  };
}

/** Reads the topic in its group, committing offsets as usual; every record read enters the ledger. */
async function runConsumer(dir: string, topic: string): Promise<() => Promise<void>> {
  const group = required('LEDGER_GROUP');
  const file = ledgerFiles(dir).consumed;
  const consumer = kafkaFor(`ledger-consumer-${hostname()}-${process.pid}`).consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      // Written before the offset is committed: a crash can only add duplicates, never hide a record.
      appendFileSync(file, `${message.value?.toString() ?? ''}\n`);
    },
  });
  return () => consumer.disconnect();
}

async function main(): Promise<void> {
  const dir = required('LEDGER_DIR');
  mkdirSync(dir, { recursive: true });
  const topic = required('LEDGER_TOPIC');
  const role = required('LEDGER_ROLE');
  if (role !== 'producer' && role !== 'consumer')
    throw new Error(`LEDGER_ROLE=${role} is not valid: give producer or consumer.`);
  const stop = role === 'producer' ? await runProducer(dir, topic) : await runConsumer(dir, topic);
  console.log(`ledger ${role} running against ${process.env.KAFKA_BOOTSTRAP_SERVERS} (pid ${process.pid})`);
  const shutdown = () =>
    void stop()
      .catch((e: Error) => console.error(`stop failed: ${e.message}`))
      .finally(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: Error) => {
  console.error(`ledger app failed: ${error.message}`);
  process.exit(1);
});
