// Issue 15 item 6: redaction precise both ways. Failure causes stay readable (an IAM cutover's
// TopicAuthorizationException), and the shapes it used to miss are hidden, for any generated secret.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createPinoLogger } from '../../../bot/adapters/log/pino-logger';
import { createRedactor, REDACTED } from '../../../bot/domain/redactor';
import { password } from './generators';

const redactor = createRedactor();
const RUNS = { numRuns: 200 };
const topicName = fc.stringMatching(/^[a-z][a-z0-9._-]{0,30}$/);
const userName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
/** Passwords that also carry the URL-breaking characters `/` and `@`. */
const urlPassword = fc
  .tuple(password, fc.constantFrom('/', '@', '/@', '@/'), password)
  .map(([a, sep, b]) => `${a}${sep}${b}`);

describe('causes of failures stay readable', () => {
  test('Kafka authorization errors keep their class, message and topics', () => {
    fc.assert(
      fc.property(fc.array(topicName, { minLength: 1, maxLength: 4 }), (topics) => {
        const texts = [
          `org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [${topics.join(', ')}]`,
          `GroupAuthorizationException: Not authorized to access group: ${topics[0]}`,
          `ClusterAuthorizationException: Cluster authorization failed.`,
        ];
        for (const t of texts) expect(redactor.text(t)).toBe(t);
      }),
      RUNS,
    );
  });

  test('an Authorization header is still hidden', () => {
    expect(redactor.text('Authorization: Basic dXNlcjpwYXNz')).not.toContain('dXNlcjpwYXNz');
    expect(redactor.text('{"Proxy-Authorization":"Basic abcdef123"}')).not.toContain('abcdef123');
  });
});

describe('secrets it used to miss', () => {
  test('basic.auth.user.info=user:pass (Schema Registry / Connect converters)', () => {
    fc.assert(
      fc.property(userName, password, (user, secret) => {
        for (const text of [
          `basic.auth.user.info=${user}:${secret}`,
          `"value.converter.basic.auth.user.info": "${user}:${secret}"`,
        ]) {
          const out = redactor.text(text);
          expect(out).not.toContain(secret);
          expect(out).toContain(REDACTED);
        }
      }),
      RUNS,
    );
  });

  test('URL user-info whose password contains / or @; the host stays visible', () => {
    fc.assert(
      fc.property(userName, urlPassword, (user, secret) => {
        const out = redactor.text(`cannot reach https://${user}:${secret}@registry.example:8081/subjects`);
        expect(out).not.toContain(secret);
        expect(out).toContain('registry.example:8081/subjects');
      }),
      RUNS,
    );
  });

  test("Connect's `Invalid value <secret> for configuration ...password`", () => {
    fc.assert(
      fc.property(
        password,
        fc.constantFrom('ssl.key.password', 'sasl.jaas.config', 'ssl.truststore.password'),
        (secret, key) => {
          const out = redactor.text(
            `Invalid value ${secret} for configuration ${key}: String must be non-empty`,
          );
          expect(out).not.toContain(secret);
          expect(out).toContain(`for configuration ${key}`);
        },
      ),
      RUNS,
    );
    const plain = 'Invalid value 0 for configuration tasks.max: Value must be at least 1';
    expect(redactor.text(plain)).toBe(plain);
  });

  test('values bound into a logger child context (a token pasted right after /mm2)', () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        written += String(chunk);
        done();
      },
    });
    const log = createPinoLogger({ level: 'info', redact: (v) => redactor.value(v), destination: sink });
    const token = 'xoxb-1234567890-1234567890123-abcdefghijklmnopqrstuvwx';
    log.child({ verb: token, args: 'password=hunter2hunter2' }).info({}, 'command finished');
    expect(written).toContain('command finished');
    expect(written).not.toContain('abcdefghijklmnopqrstuvwx');
    expect(written).not.toContain('hunter2hunter2');
  });
});
