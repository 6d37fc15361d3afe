// Issue 13: source mTLS -> target SASL/SCRAM, end to end through the bot; a client certificate from a CA
// the brokers do not trust is reported naming the cluster and the setting.
import { refusedWithClearMessage, replicatesEndToEnd, startPairing, type PairingRun } from './auth-pairing';

let run: PairingRun;
const observed: Record<string, unknown> = {};

beforeAll(async () => {
  run = await startPairing({ source: 'mtls', target: 'sasl-scram' });
});

afterAll(async () => {
  process.stdout.write(`auth mtls->scram figures: ${JSON.stringify(observed)}\n`);
  await run?.stop();
});

test('deploys over a SCRAM worker, replicates from mTLS, exact lag and group offsets over the bot’s own connections', async () => {
  await replicatesEndToEnd(run, observed);
});

test('an untrusted client certificate names the source cluster and MM2_SOURCE_KAFKA_TLS_DIR', async () => {
  const text = await refusedWithClearMessage(
    run,
    { MM2_SOURCE_KAFKA_TLS_DIR: run.auth.untrustedTlsDir },
    { cluster: 'source', setting: 'MM2_SOURCE_KAFKA_TLS_DIR', reason: /client certificate/ },
  );
  observed.untrustedCertificateReply = text.slice(0, 400);
});
