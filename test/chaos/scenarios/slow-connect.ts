// Connect answering every call 10 s late (a loopback proxy holding each request): the ack still goes
// out within Slack's 3 s, the answer follows (or a clear timeout), and nobody else waits for it.
import { USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import { sleep, textOf, verdict, within } from '../chaos-helpers';
import { withProxy } from '../tcp-proxy';

export const slowConnect: ChaosScenario = {
  name: 'slow Connect (10 s per call)',
  inShortRun: true,
  async run({ h, lab }: ChaosContext) {
    return withProxy(lab.connect, async (proxy) => {
      await h.startBot(h.env({ CONNECT_URL: proxy.url }));
      proxy.setMode({ kind: 'delay', ms: 10000 });
      const t0 = Date.now();
      const statusReply = within(h.command('status', USERS.viewer, 90000), 91000);
      await sleep(500);
      // Meanwhile another user's command is not held up by the slow call.
      const t1 = Date.now();
      const help = await within(h.command('help', USERS.operator, 10000), 11000);
      const helpMs = Date.now() - t1;
      const status = await statusReply;
      const statusMs = Date.now() - t0;
      // Read once the answer is in: half a second after sending, a loaded machine may not have acked yet.
      const ackOfStatus = h.standIn
        .envelopes()
        .find((e) => e.sentAt >= t0 && (e.payload as { text?: string }).text === 'status')?.ack?.ackLatencyMs;
      const ackLatencies = h.standIn
        .envelopes()
        .filter((e) => e.sentAt >= t0)
        .map((e) => e.ack?.ackLatencyMs ?? Infinity);
      await h.stopBots();
      const said = status ? textOf(status) : '';
      const { pass, failed } = verdict({
        acksInTime: ackLatencies.every((ms) => ms < 3000),
        helpNotHeldUp: help !== undefined && helpMs < 3000,
        statusAnswered: status !== undefined,
        statusTruthful: /RUNNING|connector|Connect/i.test(said),
      });
      return {
        expected:
          'acks < 3 s; status answered after ~10 s (or a clear Connect timeout); help meanwhile < 3 s',
        observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}status ack ${ackOfStatus?.toFixed(0) ?? '?'} ms, answer after ${statusMs} ms: ${status?.text.slice(0, 80) ?? 'none'}; help ${helpMs} ms`,
        lost: 'nothing',
        toldTruth: /RUNNING|connector|Connect/i.test(said),
        pass,
        details: { ackLatencies, said: said.slice(0, 400) },
      };
    });
  },
};
