// Issue 13, IAM as far as it goes without AWS: the MSK IAM login module is on the lab worker's classpath
// (the one jar set of docker/kafka-connect/pom.xml, as in the image), and Connect's validate accepts the
// bot's IAM-mode connectors. Whether MSK accepts the signed login is not provable here (no AWS).
import { readFileSync } from 'node:fs';
import { labConfig } from '../../lab/config';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { readState } from '../../lab/state';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { renderConnectors } from '../../../bot/usecases/profile/render-connectors';
import { labProfileText, repoTemplates } from '../../unit/connectors/helpers';

let lab: LabEndpoints;
beforeAll(async () => {
  lab = await labEndpoints();
});

interface Validation {
  error_count: number;
  configs: Array<{ value: { name: string; errors: string[] } }>;
}

async function validate(config: Record<string, string>): Promise<Validation> {
  const cls = config['connector.class']!.split('.').pop()!;
  const res = await fetch(`${lab.connect}/connector-plugins/${cls}/config/validate`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Validation;
}

const errorsOf = (v: Validation) =>
  v.configs
    .filter((c) => c.value.errors.length > 0)
    .map((c) => `${c.value.name}: ${c.value.errors.join('; ')}`);

test("the worker's JVM runs with the aws-msk-iam-auth jar of the shared jar set", () => {
  const pid = readState(labConfig())?.pids.connect;
  expect(pid).toBeDefined();
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const classpath = args[args.indexOf('-cp') + 1] ?? '';
  expect(classpath.split(':').some((jar) => /\/aws-msk-iam-auth-[\d.]+\.jar$/.test(jar))).toBe(true);
  expect(args).toContain('org.apache.kafka.connect.cli.ConnectDistributed');
});

test("Connect's validate accepts the bot's IAM-mode connectors (both clusters on MSK IAM)", async () => {
  const text = labProfileText().replace(/auth: \{ mode: plaintext \}/g, 'auth: { mode: iam }');
  const rendered = renderConnectors(parseProfile(text, 'iam.yml'), repoTemplates());
  for (const connector of rendered) {
    expect(connector.config['target.cluster.sasl.mechanism']).toBe('AWS_MSK_IAM');
    const result = await validate(connector.config);
    expect(errorsOf(result)).toEqual([]);
    expect(result.error_count).toBe(0);
  }
});

test('Connect loads the IAM callback handler class itself: a misspelled one is refused, the real one is not', async () => {
  // MM2 checks the un-prefixed client settings' classes at validate time; the prefixed ones only at start.
  const [source] = renderConnectors(
    parseProfile(labProfileText().replace(/auth: \{ mode: plaintext \}/g, 'auth: { mode: iam }'), 'iam.yml'),
    repoTemplates(),
  );
  const handler = source!.config['source.cluster.sasl.client.callback.handler.class']!;
  expect(handler).toBe('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
  const real = await validate({ ...source!.config, 'sasl.client.callback.handler.class': handler });
  expect(errorsOf(real)).toEqual([]);
  const wrong = await validate({ ...source!.config, 'sasl.client.callback.handler.class': `${handler}Typo` });
  expect(errorsOf(wrong)).toEqual([expect.stringContaining(`Class ${handler}Typo could not be found`)]);
});
