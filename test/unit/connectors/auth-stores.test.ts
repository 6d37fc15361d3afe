// Issue 13: PEM stores for mTLS (no store passwords, Kafka refuses them) and an optional private-CA
// truststore for SASL/SCRAM; `{{auth.x?}}` leaves a setting out when the profile has no x.
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { renderConnectors } from '../../../bot/usecases/profile/render-connectors';
import { renderTemplate } from '../../../bot/usecases/profile/render-template';
import { labProfileText, repoTemplates } from './helpers';

const withAuth = (source: string, target = '{ mode: plaintext }') =>
  labProfileText()
    .replace(
      /source:\n(\s+alias: source\n\s+bootstrapServers: \S+\n)\s+auth: \{ mode: plaintext \}/,
      `source:\n$1  auth: ${source}`,
    )
    .replace(
      /target:\n(\s+alias: target\n\s+bootstrapServers: \S+\n)\s+auth: \{ mode: plaintext \}/,
      `target:\n$1  auth: ${target}`,
    );

const PEM_MTLS =
  "{ mode: mtls, storeType: PEM, truststoreLocation: /opt/secrets/t.pem, keystoreLocation: /opt/secrets/k.pem, keyPassword: '${file:/opt/secrets/tls.properties:key.password}' }";
const SCRAM_CA =
  "{ mode: sasl-scram, username: mm2, password: '${file:/opt/secrets/s.properties:password}', truststoreType: PEM, truststoreLocation: /opt/secrets/ca.pem }";

describe('auth stores', () => {
  it('renders a PEM mTLS cluster without store passwords, and a SCRAM cluster with its private CA', () => {
    const profile = parseProfile(withAuth(SCRAM_CA, PEM_MTLS), 'x.yml');
    const source = renderConnectors(profile, repoTemplates())[0]!.config;
    expect(source).toMatchObject({
      'target.cluster.security.protocol': 'SSL',
      'target.cluster.ssl.keystore.type': 'PEM',
      'target.cluster.ssl.keystore.location': '/opt/secrets/k.pem',
      'target.cluster.ssl.truststore.type': 'PEM',
      'target.cluster.ssl.key.password': '${file:/opt/secrets/tls.properties:key.password}',
      'source.cluster.security.protocol': 'SASL_SSL',
      'source.cluster.ssl.truststore.type': 'PEM',
      'source.cluster.ssl.truststore.location': '/opt/secrets/ca.pem',
    });
    expect(Object.keys(source)).not.toContain('target.cluster.ssl.keystore.password');
    expect(Object.keys(source)).not.toContain('target.cluster.ssl.truststore.password');
    expect(Object.keys(source)).not.toContain('source.cluster.ssl.truststore.password');
  });

  it('a SCRAM cluster without a truststore gets no ssl.truststore settings (MSK: public CA)', () => {
    const profile = parseProfile(
      withAuth("{ mode: sasl-scram, username: mm2, password: '${file:/opt/secrets/s.properties:password}' }"),
      'x.yml',
    );
    const source = renderConnectors(profile, repoTemplates())[0]!.config;
    expect(Object.keys(source).filter((k) => k.includes('truststore'))).toEqual([]);
  });

  it.each([
    [
      "{ mode: mtls, storeType: PEM, truststoreLocation: /a, truststorePassword: '${file:/a:b}', keystoreLocation: /b }",
      /source.auth.truststorePassword: must be left out for a PEM store/,
    ],
    [
      '{ mode: mtls, truststoreLocation: /a, keystoreLocation: /b }',
      /source.auth.truststorePassword: is required for a PKCS12 store/,
    ],
    [
      "{ mode: sasl-scram, username: u, password: '${file:/a:b}', truststoreLocation: /ca.pem }",
      /source.auth.truststoreType: is required with truststoreLocation/,
    ],
    [
      "{ mode: sasl-scram, username: u, password: '${file:/a:b}', truststoreType: JKS }",
      /source.auth.truststoreType: needs truststoreLocation/,
    ],
  ])('refuses %s, naming the field', (auth, message) => {
    expect(() => parseProfile(withAuth(auth), 'x.yml')).toThrow(message);
  });

  it('an optional placeholder only stands alone; a required one still names a missing value', () => {
    const template = { file: 't.yml', text: "a: '{{x?}}'\nb: '{{y}}'\nc: 'p-{{x}}'\n" };
    expect(renderTemplate(template, { y: '1', x: '2' })).toEqual({ a: '2', b: '1', c: 'p-2' });
    expect(() => renderTemplate(template, { y: '1' })).toThrow('t.yml: c: unknown placeholder {{x}}');
    expect(renderTemplate({ file: 't.yml', text: "a: '{{x?}}'\nb: '{{y}}'\n" }, { y: '1' })).toEqual({
      b: '1',
    });
  });
});
