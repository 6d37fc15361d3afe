// The bot's own Kafka clients (lag, and the cutover's gates and groups) reach the brokers the profile's
// references name: the cutover's clients once took `${env:...}` literally as a broker address.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../bot/config/load-config';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { botKafkaOptions } from '../../../bot/wiring/bot-kafka-options';

const ROOT = join(__dirname, '../../..');

test('brokers are the resolved references of the profile, with the request budget and the setting errors name', () => {
  const file = join(ROOT, 'connectors/profiles/lab.yml');
  const profile = parseProfile(readFileSync(file, 'utf8'), file);
  expect(profile.source.bootstrapServers).toBe('${env:MM2_SOURCE_BOOTSTRAP_SERVERS}');
  const config = loadConfig(
    {
      CONNECT_URL: 'http://127.0.0.1:18083',
      MM2_SOURCE_BOOTSTRAP_SERVERS: '10.0.0.1:9092,10.0.0.2:9092',
      MM2_TARGET_BOOTSTRAP_SERVERS: '10.0.1.1:9098',
      MM2_KAFKA_TIMEOUT_SECONDS: '7',
    },
    ROOT,
  );
  const source = botKafkaOptions(profile, config, 'source');
  expect(source.brokers).toEqual(['10.0.0.1:9092', '10.0.0.2:9092']);
  expect(source).toMatchObject({ cluster: 'source', requestTimeoutMs: 7000, connectionTimeoutMs: 3000 });
  expect(source.authSettings?.timeout).toBe('MM2_KAFKA_TIMEOUT_SECONDS');
  expect(botKafkaOptions(profile, config, 'target').brokers).toEqual(['10.0.1.1:9098']);
});
