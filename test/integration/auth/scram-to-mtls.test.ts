// Issue 13: source SASL/SCRAM -> target mTLS, end to end through the bot; a wrong SCRAM password is
// reported naming the cluster and the setting.
import { refusedWithClearMessage, replicatesEndToEnd, startPairing, type PairingRun } from './auth-pairing';

let run: PairingRun;
const observed: Record<string, unknown> = {};

beforeAll(async () => {
  run = await startPairing({ source: 'sasl-scram', target: 'mtls' });
});

afterAll(async () => {
  process.stdout.write(`auth scram->mtls figures: ${JSON.stringify(observed)}\n`);
  await run?.stop();
});

test('deploys over an mTLS worker, replicates from SCRAM, exact lag and group offsets over the bot’s own connections', async () => {
  await replicatesEndToEnd(run, observed);
});

test('a wrong SCRAM password names the source cluster and MM2_SOURCE_KAFKA_PASSWORD, never the password', async () => {
  const text = await refusedWithClearMessage(
    run,
    { MM2_SOURCE_KAFKA_PASSWORD: 'Wr0ng-Passw0rd-4-test' },
    { cluster: 'source', setting: 'MM2_SOURCE_KAFKA_PASSWORD', reason: /authentication failed/i },
  );
  observed.wrongPasswordReply = text.slice(0, 400);
});
