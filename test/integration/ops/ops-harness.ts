// What every ops acceptance test needs: one Slack stand-in, real bot processes, commands, approvals,
// lag parsed from the bot's own messages, and the test's connectors removed afterwards.
import { createTopics } from '../../lab/clients';
export { createTopics };
import { SlackStandIn } from '../../slack-standin';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { eventually, produce, topicRecordCount, withAdmin } from '../../lab/clients';
import { botEnv, CHANNEL, TOKENS, USERS } from '../bot/bot-env';
import { startBotProcess, type BotProcess } from '../bot/bot-process';
import type { StoredMessage } from '../../slack-standin/types';

export const APPROVE = 'mm2_approval_approve';
export { CHANNEL, USERS, TOKENS };

export const textOf = (m: StoredMessage | undefined): string =>
  JSON.stringify({ text: m?.text, blocks: m?.blocks });

const isProgress = (m: StoredMessage) => /hourglass/.test(textOf(m));
/** Posted on the bot's own initiative (scheduled reports, alert threads), never a command's reply. */
export const isUnprompted = (m: StoredMessage): boolean =>
  m.threadTs !== undefined ||
  /^(WARNING|CRITICAL|RESOLVED): |^Scheduled lag report/.test(m.text) ||
  JSON.stringify(m.blocks?.[0] ?? {}).includes('Scheduled lag report');
const hasButtons = (m: StoredMessage) => m.blocks?.some((b) => b.type === 'actions') ?? false;

export class OpsHarness {
  readonly bots: BotProcess[] = [];
  private readonly connectors = new Set<string>();
  private readonly topics = new Set<string>();

  private constructor(
    readonly standIn: SlackStandIn,
    readonly lab: LabEndpoints,
  ) {}

  /** `lab` replaces the running lab's endpoints, e.g. another Connect worker (auth-mode tests). */
  static async start(lab?: LabEndpoints): Promise<OpsHarness> {
    lab ??= await labEndpoints();
    const standIn = await SlackStandIn.start({ botToken: TOKENS.bot, appToken: TOKENS.app });
    return new OpsHarness(standIn, lab);
  }

  connectUrl(): string {
    return this.lab.connect;
  }

  env(extra: Record<string, string>): Record<string, string> {
    return botEnv(this.standIn.apiUrl, this.lab, extra);
  }

  /** Starts the real bot and waits until its socket is connected to the stand-in. */
  async startBot(env: Record<string, string>): Promise<BotProcess> {
    const connections = this.standIn.openConnections;
    const bot = await startBotProcess(env);
    this.bots.push(bot);
    await this.standIn.waitForConnection({ minCount: connections + 1, timeoutMs: 30000 });
    return bot;
  }

  /** Stops every bot started so far and waits until none is connected (the stand-in spreads envelopes). */
  async stopBots(): Promise<void> {
    for (const bot of this.bots) await bot.stop().catch(() => undefined);
    await this.standIn.waitFor(() => this.standIn.openConnections === 0, 15000, 'every bot disconnected');
  }

  /** Connectors deleted from the lab's Connect in `stop()`. */
  track(names: string[]): void {
    for (const n of names) this.connectors.add(n);
  }

  /** Topics deleted from both clusters in `stop()`. */
  trackTopics(names: string[]): void {
    for (const n of names) this.topics.add(n);
  }

  async stop(): Promise<void> {
    for (const bot of this.bots) await bot.stop('SIGKILL').catch(() => undefined);
    for (const name of this.connectors)
      await fetch(`${this.lab.connect}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
    const topics = [...this.topics];
    if (topics.length > 0)
      for (const cluster of [this.lab.source, this.lab.target])
        await withAdmin(cluster, async (admin) => {
          const existing = new Set(await admin.listTopics());
          const present = topics.filter((t) => existing.has(t));
          if (present.length > 0) await admin.deleteTopics({ topics: present });
        }).catch(() => undefined);
    await this.standIn.stop();
  }

  /** Every bot log line so far, all processes. */
  logLines(): string[] {
    return this.bots.flatMap((b) => b.lines);
  }

  /** `/mm2 <text>`; resolves with the reply once it is no longer a progress line. */
  async command(
    text: string,
    user: string = USERS.viewer,
    timeoutMs = 30000,
    match: (m: StoredMessage) => boolean = () => true,
  ): Promise<StoredMessage> {
    const before = new Set(this.standIn.allMessages());
    await this.standIn.sendSlashCommand({ text, user_id: user, channel_id: CHANNEL });
    return this.standIn.waitFor(
      () =>
        this.standIn
          .allMessages()
          .find(
            (m) =>
              !before.has(m) &&
              m.channel === CHANNEL &&
              (m.visibleTo === undefined || m.visibleTo === user) &&
              m.files.length === 0 &&
              !isProgress(m) &&
              !isUnprompted(m) &&
              match(m),
          ),
      timeoutMs,
      `a reply to /mm2 ${text.slice(0, 40)}`,
    );
  }

  /**
   * A command that needs approval: waits for the request, clicks Approve/Confirm as `approver` and
   * resolves with the request message once it says done or failed (or the reply when nothing to do).
   */
  async approved(
    text: string,
    requester: string,
    approver: string,
    timeoutMs = 150000,
  ): Promise<StoredMessage> {
    const request = await this.command(text, requester, 30000);
    if (!hasButtons(request)) return request;
    await this.standIn.clickButton({
      message: { channel: CHANNEL, ts: request.ts },
      action_id: APPROVE,
      user_id: approver,
    });
    return this.standIn.waitFor(
      () => {
        const m = this.standIn.message(CHANNEL, request.ts);
        return m && !hasButtons(m) && /, (done|failed)/.test(m.text) ? m : undefined;
      },
      timeoutMs,
      `the outcome of /mm2 ${text}`,
    );
  }

  /** `/mm2 deploy all` by the operator, approved by an approver; throws unless it says done. */
  /** Produces `count` warm-up records (w1, w2...) and waits until MM2 copied them to the target. */
  async warmUp(topic: string, count = 2): Promise<void> {
    await produce(
      this.lab.source,
      topic,
      Array.from({ length: count }, (_, i) => `w${i + 1}`),
    );
    await eventually(
      'the warm-up records on the target',
      async () => ((await topicRecordCount(this.lab.target, topic)) >= count ? true : undefined),
      60000,
    );
  }

  async deployAll(): Promise<StoredMessage> {
    const done = await this.approved('deploy all', USERS.operator, USERS.approver1);
    if (!done.text.includes(', done')) throw new Error(`deploy did not succeed: ${textOf(done)}`);
    return done;
  }

  /** Self-confirmed lifecycle command by the operator (pause, resume, restart ...). */
  async lifecycle(text: string): Promise<StoredMessage> {
    return this.approved(text, USERS.operator, USERS.operator, 120000);
  }

  /** `/mm2 lag <regex>` parsed: total records behind, verdict, and whether Prometheus answered. */
  async lag(filter: string): Promise<LagReading> {
    const message = await this.command(`lag ${filter}`, USERS.viewer, 60000, isLagCommandReply);
    return parseLag(message);
  }

  /** Polls `/mm2 lag` until `accept` holds. */
  async lagUntil(filter: string, accept: (r: LagReading) => boolean, timeoutMs: number): Promise<LagReading> {
    let last: LagReading | undefined;
    try {
      return await eventually(
        'a lag reading',
        async () => {
          last = await this.lag(filter);
          return accept(last) ? last : undefined;
        },
        timeoutMs,
        2000,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last reading: ${JSON.stringify(last)}`);
    }
  }
}

/** The reply to `/mm2 lag` (not a scheduled report, which also starts with the lag summary). */
export const isLagCommandReply = (m: StoredMessage): boolean =>
  JSON.stringify(m.blocks?.[0] ?? {}).includes('MM2 lag:') || !m.text.startsWith('MM2 lag');

export interface LagReading {
  records: number;
  verdict: string;
  prometheusOk: boolean;
  message: StoredMessage;
}

/** From the lag message: "MM2 lag: GREEN, 1,234 records behind over 1 topics". */
export function parseLag(message: StoredMessage): LagReading {
  const head = /MM2 lag: (GREEN|AMBER|RED), ([\d,]+) records behind/.exec(message.text);
  if (!head) throw new Error(`Not a lag report: ${textOf(message).slice(0, 600)}`);
  return {
    verdict: head[1]!,
    records: Number(head[2]!.replace(/,/g, '')),
    prometheusOk: textOf(message).includes('Prometheus :white_check_mark:'),
    message,
  };
}
