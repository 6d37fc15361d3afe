import fc from 'fast-check';
import { createRedactor, REDACTED } from '../../../bot/domain/redactor';
import {
  awsAccessKeyId,
  awsSecretKey,
  bearerToken,
  loginModule,
  noise,
  password,
  providerReference,
  secretKey,
  slackToken,
} from './generators';

const redactor = createRedactor();
const RUNS = { numRuns: 300 };

/** The secret in every form it could leak in: raw, escaped inside JSON, URL-encoded. */
const forms = (secret: string) => [
  ...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
];
const expectGone = (output: unknown, secret: string) => {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  for (const form of forms(secret)) expect(text).not.toContain(form);
};
/** The secret must not occur in the container's own words (a secret "required" would be in any JAAS). */
const placeholderFree = (build: (s: string) => string, secret: string) =>
  !forms(secret).some((f) => build('\u0000').includes(f) || REDACTED.includes(f));

describe('redactor: a seeded secret never survives', () => {
  test('in JSON objects, by value() and in JSON text (plain, pretty, escaped inside JSON)', () => {
    fc.assert(
      fc.property(
        secretKey,
        password,
        fc.array(fc.constantFrom('spec', 'config', 'auth', 'items'), { maxLength: 4 }),
        noise,
        (key, secret, path, note) => {
          let object: Record<string, unknown> = { name: 'mm2-source', [key]: secret, note };
          for (const p of path) object = { [p]: object, other: [1, 'two'] };
          fc.pre(!JSON.stringify({ ...object, [key]: '' }).includes(secret) && !REDACTED.includes(secret));
          expectGone(redactor.value(object), secret);
          expectGone(redactor.text(JSON.stringify(object)), secret);
          expectGone(redactor.text(JSON.stringify(object, null, 2)), secret);
          expectGone(redactor.text(JSON.stringify({ message: JSON.stringify(object) })), secret);
        },
      ),
      RUNS,
    );
  });

  test('in key=value and key: value text (properties, env, YAML, query strings, CLI flags)', () => {
    const shapes = [
      (k: string, s: string) => `${k}=${s}`,
      (k: string, s: string) => `${k} = ${s}`,
      (k: string, s: string) => `${k}: ${s}`,
      (k: string, s: string) => `export ${k}="${s}"`,
      (k: string, s: string) => `${k}: '${s}'`,
      (k: string, s: string) => `https://connect:8083/x?a=1&${k}=${encodeURIComponent(s)}&b=2`,
      (k: string, s: string) => `--${k}=${s}`,
    ];
    fc.assert(
      fc.property(
        secretKey,
        password,
        fc.nat(shapes.length - 1),
        noise,
        noise,
        fc.boolean(),
        (key, secret, i, before, after, inline) => {
          const build = (s: string) => {
            const kv = shapes[i]!(key, s);
            return inline ? `${before} ${kv} ${after}` : `${before}\n${kv}\n${after}`;
          };
          fc.pre(placeholderFree(build, secret));
          expectGone(redactor.text(build(secret)), secret);
        },
      ),
      RUNS,
    );
  });

  test('in JAAS configs (text, properties, JSON), while the username stays', () => {
    fc.assert(
      fc.property(
        loginModule,
        password,
        fc.constantFrom('password', 'user_admin', 'clientSecret'),
        noise,
        (module, secret, option, before) => {
          const jaas = (s: string) => `${module} required username="alice" ${option}="${s}";`;
          const containers = [
            (s: string) => `${before} ${jaas(s)}`,
            (s: string) => `sasl.jaas.config=${jaas(s)}\nsecurity.protocol=SASL_SSL`,
            (s: string) => JSON.stringify({ 'producer.override.sasl.jaas.config': jaas(s) }),
          ];
          for (const build of containers) {
            fc.pre(placeholderFree(build, secret) && !secret.includes('alice'));
            const out = redactor.text(build(secret));
            expectGone(out, secret);
            expect(out).toContain('alice');
          }
          const viaValue = redactor.value({ 'sasl.jaas.config': jaas(secret) });
          expectGone(viaValue, secret);
          expect(viaValue['sasl.jaas.config']).toContain('username="alice"');
        },
      ),
      RUNS,
    );
  });

  test('in URLs with user:password@, while the user stays', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https', 'http', 'sasl_ssl', 'postgres', 'redis'),
        password,
        noise,
        (scheme, secret, before) => {
          const build = (s: string) =>
            `${before} ${scheme}://alice:${encodeURIComponent(s)}@broker-1.example:9096/path?x=1`;
          fc.pre(placeholderFree(build, secret) && !secret.includes('alice'));
          const out = redactor.text(build(secret));
          expectGone(out, secret);
          expect(out).toContain(`${scheme}://alice:`);
        },
      ),
      RUNS,
    );
  });

  test('Slack tokens, AWS keys and bearer tokens, by shape, under harmless keys too', () => {
    fc.assert(
      fc.property(
        fc.oneof(slackToken, awsAccessKeyId, awsSecretKey),
        noise,
        noise,
        (secret, before, after) => {
          fc.pre(!before.includes(secret) && !after.includes(secret));
          expectGone(redactor.text(`${before} ${secret} ${after}`), secret);
          expectGone(redactor.text(`${before}\n${secret}`), secret);
          expectGone(redactor.value({ note: `seen ${secret}`, list: [secret] }), secret);
          expectGone(redactor.text(JSON.stringify({ note: secret })), secret);
        },
      ),
      RUNS,
    );
  });

  test('Authorization headers (Bearer and Basic) in text and objects', () => {
    fc.assert(
      fc.property(bearerToken, password, noise, (token, secret, before) => {
        const basic = Buffer.from(`alice:${secret}`).toString('base64');
        fc.pre(!before.includes(token) && !before.includes(basic));
        expectGone(redactor.text(`${before}\nAuthorization: Bearer ${token}`), token);
        expectGone(redactor.text(`curl -H "Authorization: Bearer ${token}" http://x`), token);
        expectGone(redactor.text(`curl -H 'Authorization: Basic ${basic}' http://x`), basic);
        expectGone(redactor.value({ headers: { Authorization: `Basic ${basic}` } }), basic);
        expectGone(redactor.text(`${before} bearer token Bearer ${token}`), token);
      }),
      RUNS,
    );
  });

  test('any registered secret, in any text, escaped or URL-encoded', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 4, maxLength: 30 }),
        noise,
        noise,
        (secret, before, after) => {
          // A secret made of the mask's own characters could re-form across the mask.
          fc.pre(!/[[\]]/.test(secret) && !REDACTED.includes(secret));
          const r = createRedactor({ secrets: [secret] });
          expectGone(r.text(`${before}${secret}${after}`), secret);
          expectGone(r.text(JSON.stringify({ note: `${before}${secret}` })), secret);
          expectGone(r.text(`https://x/?q=${encodeURIComponent(secret)}`), secret);
          expectGone(r.value({ deep: [{ note: `${secret}${after}` }] }), secret);
        },
      ),
      RUNS,
    );
  });
});

describe('redactor: what is not a secret stays visible', () => {
  test('config-provider references stay, under secret keys and inside JAAS', () => {
    fc.assert(
      fc.property(
        secretKey.filter((k) => k !== 'sasl.jaas.config'),
        providerReference,
        loginModule,
        (key, ref, module) => {
          expect(redactor.text(`${key}=${ref}`)).toBe(`${key}=${ref}`);
          expect(redactor.value({ [key]: ref })).toEqual({ [key]: ref });
          expect(redactor.text(JSON.stringify({ [key]: ref }))).toBe(JSON.stringify({ [key]: ref }));
          const jaas = `${module} required username="${ref}" password="${ref}";`;
          expect(redactor.text(`sasl.jaas.config=${jaas}`)).toBe(`sasl.jaas.config=${jaas}`);
        },
      ),
      RUNS,
    );
  });

  test('redaction is idempotent', () => {
    fc.assert(
      fc.property(secretKey, password, noise, (key, secret, before) => {
        const once = redactor.text(`${before}\n${key}=${secret}\n{"${key}": "${secret}"}`);
        expect(redactor.text(once)).toBe(once);
      }),
      RUNS,
    );
  });
});

describe('redactor: hostile input', () => {
  test('never throws, whatever the value, and its output still serialises', () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withDate: true, withBigInt: false }), (v) => {
        const out = redactor.value(v);
        expect(() => JSON.stringify(out)).not.toThrow();
      }),
      RUNS,
    );
  });

  test('text of any unicode string: no throw, and redacting twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const once = redactor.text(s);
        expect(redactor.text(once)).toBe(once);
      }),
      RUNS,
    );
  });
});
