import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fillWorkerProperties,
  WORKER_PLACEHOLDERS,
} from '../../../bot/usecases/profile/fill-worker-properties';
import { AUTH_MODES } from '../../../bot/domain/profile/profile-schema';
import { ROOT } from './helpers';

const LAB = {
  BOOTSTRAP_SERVERS: '127.0.0.1:29092',
  GROUP_ID: 'mm2-lab-connect',
  REST_HOST: '10.0.1.5',
  REST_LISTEN_HOST: '0.0.0.0',
  REST_PORT: '18083',
  CONFIG_TOPIC: 'mm2-connect-configs',
  OFFSET_TOPIC: 'mm2-connect-offsets',
  STATUS_TOPIC: 'mm2-connect-status',
  REPLICATION_FACTOR: '1',
};

const parse = (text: string): Map<string, string> =>
  new Map(
    text
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
  );

describe('Connect worker configs', () => {
  it.each(AUTH_MODES)('%s: fills every placeholder, enables the three config providers', (mode) => {
    const file = `connectors/workers/${mode}.properties`;
    const filled = fillWorkerProperties(readFileSync(join(ROOT, file), 'utf8'), LAB, file);
    expect(
      filled
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    ).not.toMatch(/\$\{[A-Z_]+\}/);
    const props = parse(filled);
    expect(props.get('config.providers')).toBe('file,env,directory');
    expect(props.get('config.providers.file.class')).toBe(
      'org.apache.kafka.common.config.provider.FileConfigProvider',
    );
    expect(props.get('config.providers.env.class')).toBe(
      'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    );
    expect(props.get('config.providers.directory.class')).toBe(
      'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
    );
    expect(props.get('bootstrap.servers')).toBe('127.0.0.1:29092');
    expect(props.get('status.storage.replication.factor')).toBe('1');
    // Bind every interface (the ECS health check probes 127.0.0.1), advertise the task's address.
    expect(props.get('listeners')).toBe('http://0.0.0.0:18083');
    expect(props.get('rest.advertised.host.name')).toBe('10.0.1.5');
    if (mode !== 'plaintext') {
      for (const prefix of ['', 'producer.', 'consumer.', 'admin.'])
        expect(props.get(`${prefix}security.protocol`)).toMatch(/SSL/);
      expect(props.get('producer.linger.ms')).toBeDefined();
    }
  });

  it('names every placeholder left without a value', () => {
    const { REST_PORT: _r, GROUP_ID: _g, ...partial } = LAB;
    expect(() =>
      fillWorkerProperties('a=${REST_PORT}\nb=${GROUP_ID}\nc=${file:/x:y}', partial, 'w.properties'),
    ).toThrow('w.properties: no value for GROUP_ID, REST_PORT');
    expect(WORKER_PLACEHOLDERS).toHaveLength(Object.keys(LAB).length);
  });
});
