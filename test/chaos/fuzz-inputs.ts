// Generated hostile input for the fuzz scenario: command lines (mentions, links, control characters,
// huge and binary text, shell and path tricks, regex bombs, seeded secrets in the shapes a user pastes)
// and forged button values. Seeded with fast-check, so a run can be repeated exactly.
import fc from 'fast-check';

/** Mention tokens only the fuzz uses, so any that reaches Slack unescaped came from the input. */
export const FUZZ_MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '<@UFUZZ01>', '<!subteam^S0FUZZ>'];
export const isFuzzMention = (mention: string): boolean =>
  /!channel|!here|!everyone|FUZZ|subteam/.test(mention);

/** Secrets in the shapes people paste; `seed` is unique to the run and must never come back out. */
export function secretShapes(seed: string): string[] {
  return [
    `xoxb-1234-5678-${seed}`,
    `xapp-1-A0-1-${seed}`,
    `password=${seed}`,
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="${seed}";`,
    `basic.auth.user.info=user:${seed}`,
    `https://user:${seed}@registry.invalid/path`,
    `aws_secret_access_key=${seed}`,
  ];
}

export function commandLines(count: number, seed: string, rngSeed = 15): string[] {
  const verbs = [
    'help',
    'status',
    'lag',
    'audit',
    'config',
    'offsets',
    'deploy',
    'pause',
    'resume',
    'restart',
    'report',
    'scaling',
    'cutover',
    'snapshot',
    'stauts',
  ];
  const secrets = secretShapes(seed);
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      ...FUZZ_MENTIONS.map((m) => `help ${m}`),
      ...FUZZ_MENTIONS.map((m) => `status ${m}`),
      ...FUZZ_MENTIONS.map((m) => `lag ${m}`),
      '<https://evil.invalid|click me>',
      'status <https://evil.invalid|x>',
      'lag (a+)+$',
      'lag (x+x+)+y',
      'lag ((((',
      'lag ../../etc/passwd',
      'status $(rm -rf /)',
      'audit 99999999999',
      'audit -1',
      'config *',
      'offsets --group <!channel>',
      '\u202e\u0000\ud83d\ude00 lag',
      'deploy all --dry-run <!here>',
    ),
    fc
      .constantFrom(...secrets)
      .chain((s) => fc.constantFrom(s, `lag ${s}`, `status ${s}`, `config ${s}`, `${s} help`)),
    fc.string({ minLength: 3000, maxLength: 12000 }),
    fc
      .tuple(fc.constantFrom(...verbs), fc.string({ unit: 'binary', maxLength: 200 }))
      .map(([verb, rest]) => `${verb} ${rest}`),
    fc
      .tuple(
        fc.constantFrom(...verbs),
        fc.constantFrom(...FUZZ_MENTIONS, ...secrets),
        fc.string({ maxLength: 20 }),
      )
      .map(([verb, bad, rest]) => `${verb} ${rest} ${bad}`),
  );
  return fc.sample(line, { numRuns: count, seed: rngSeed });
}

/** Button values a forger might send instead of the request id the button carries. */
export function forgedValues(count: number, realIds: string[], rngSeed = 16): string[] {
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ minLength: 1000, maxLength: 2000 }),
    fc.constantFrom('', ' ', '../../etc/passwd', '{"id":"x"}', 'null', 'undefined', '<!channel>', '%00'),
    fc.constantFrom(...realIds).map((id) => `${id}x`),
    fc.constantFrom(...realIds).map((id) => id.toUpperCase()),
    fc.constantFrom(...realIds).map((id) => id.slice(0, -1)),
  );
  return fc.sample(value, { numRuns: count, seed: rngSeed });
}
