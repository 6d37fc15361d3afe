import { createRedactor, REDACTED } from '../../../bot/domain/redactor';

const r = createRedactor();

describe('redactor examples', () => {
  test.each([
    [
      'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="mm2" password="pw1";',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="mm2" password="${REDACTED}";`,
    ],
    [
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n  username="admin" \\\n  user_admin="adm1n";',
      `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n  username="admin" \\\n  user_admin="${REDACTED}";`,
    ],
    ['ssl.keystore.password=ks pass with spaces', `ssl.keystore.password=${REDACTED}`],
    ['ssl.truststore.password: "tspw"', `ssl.truststore.password: "${REDACTED}"`],
    ['{"ssl.key.password":"kp","tasks.max":"4"}', `{"ssl.key.password":"${REDACTED}","tasks.max":"4"}`],
    ['token xoxb-123-456-abcdef here', `token xoxb-${REDACTED} here`],
    ['AKIAIOSFODNN7EXAMPLE', REDACTED],
    ['Authorization: Bearer abc.def', `Authorization: ${REDACTED}`],
    ['see https://admin:hunter22@connect:8083/', `see https://admin:${REDACTED}@connect:8083/`],
    [
      '-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----',
      `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`,
    ],
  ])('%s', (input, expected) => expect(r.text(input)).toBe(expected));

  test('ordinary MM2 configuration and bot output pass unchanged', () => {
    const benign = [
      'replication.policy.class=org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
      'ssl.keystore.location=/etc/kafka/secrets/keystore.jks',
      'ssl.keystore.type=PKCS12',
      'sasl.oauthbearer.token.endpoint.url=https://idp.example/oauth2/token',
      'config.providers.secrets.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider',
      'source.cluster.bootstrap.servers=b-1.msk.example:9098,b-2.msk.example:9098',
      'topics=orders.*,payments',
      'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 deployed',
      ':white_check_mark: mm2-source RUNNING (3/3 tasks) <@U123ABC> in <#C0123>',
      'lag{topic="orders",partition="0"} 1234',
      'tasks.max=4 emit.checkpoints.interval.seconds=5',
    ].join('\n');
    expect(r.text(benign)).toBe(benign);
  });

  test('value() keeps structure, types of harmless fields and the prototype of errors', () => {
    const view = {
      text: 'Config of mm2-source',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '```ssl.key.password=abc```' } },
        { type: 'actions', elements: [{ type: 'button', action_id: 'a', value: 'req-1' }] },
      ],
    };
    const out = r.value(view);
    expect(out.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: `\`\`\`ssl.key.password=${REDACTED}\`\`\`` },
    });
    expect(out.blocks[1]).toEqual(view.blocks[1]);
    expect(JSON.stringify(view)).toContain('password=abc'); // the input is not modified

    const error = new TypeError('login failed: password=abc123');
    const copy = r.value(error);
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy.message).toBe(`login failed: password=${REDACTED}`);
    expect(copy.stack).not.toContain('abc123');
  });

  test('value() hides everything under a secret key, numbers included, but keeps refs, empties and flags', () => {
    expect(
      r.value({
        password: 1234,
        credentials: { user: 'u', key: 'k' },
        secret: '',
        token: true,
        'ssl.key.password': '${file:/s/x.properties:kp}',
        other: 5,
      }),
    ).toEqual({
      password: REDACTED,
      credentials: { user: REDACTED, key: REDACTED },
      secret: '',
      token: true,
      'ssl.key.password': '${file:/s/x.properties:kp}',
      other: 5,
    });
  });

  test('value() turns objects with toJSON (URL) and class instances into safe plain copies', () => {
    class Settings {
      constructor(
        readonly password: string,
        readonly host: string,
      ) {}
    }
    const out = r.value({ url: new URL('https://u:pw12345@h/x'), settings: new Settings('pw', 'h') });
    expect(out.url).toBe(`https://u:${REDACTED}@h/x`);
    expect(out.settings).toEqual({ password: REDACTED, host: 'h' });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  test('value() survives cycles and maps', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const out = r.value(a);
    expect(out.self).toBe(out);
    const map = r.value(
      new Map<string, string>([
        ['password', 'x'],
        ['note', 'token=y'],
      ]),
    );
    expect([...map.entries()]).toEqual([
      ['password', REDACTED],
      ['note', `token=${REDACTED}`],
    ]);
  });

  test('registered secrets: added later, short ones ignored', () => {
    const own = createRedactor({ secrets: ['abc'] });
    expect(own.text('abc')).toBe('abc');
    own.addSecret('my-bot-token-value');
    expect(own.text('t=my-bot-token-value!')).toBe(`t=${REDACTED}!`);
  });
});

describe('redactor cost', () => {
  // Hostile input (10,000-character arguments and more) must not make a pattern go quadratic.
  test.each([
    ['one long word', 'a'.repeat(100_000)],
    ['many keys', 'password=x '.repeat(10_000)],
    ['escaped JSON keys', '\\"password\\":'.repeat(5_000)],
    ['URL-ish', 'https://'.repeat(12_000)],
    ['JAAS-ish', 'LoginModule required a='.repeat(4_000)],
  ])('%s: 100 kB in well under a second', (_name, input) => {
    const started = performance.now();
    r.text(input);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
