import type { RespondArguments } from '@slack/bolt';
import { pendingAck } from '../../../bot/slack/pending-ack';

const recorder = () => {
  const acks: Array<RespondArguments | undefined> = [];
  return { acks, ack: async (payload?: RespondArguments) => void acks.push(payload) };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pendingAck', () => {
  test('an answer within the budget is the ack, and nothing else is sent', async () => {
    const { acks, ack } = recorder();
    const held = pendingAck(ack, () => undefined, 200);
    expect(await held.answer({ response_type: 'in_channel', text: 'ok' })).toBe(true);
    await held.settle();
    await sleep(250);
    expect(acks).toEqual([{ response_type: 'in_channel', text: 'ok' }]);
  });

  test('past the budget a bare ack goes out by itself, and a late answer is refused', async () => {
    const { acks, ack } = recorder();
    const held = pendingAck(ack, () => undefined, 30);
    await sleep(80);
    expect(acks).toEqual([undefined]);
    expect(await held.answer({ text: 'too late' })).toBe(false);
    expect(acks).toEqual([undefined]);
  });

  test('settle sends one bare ack however often it is called', async () => {
    const { acks, ack } = recorder();
    const held = pendingAck(ack, () => undefined, 30);
    await Promise.all([held.settle(), held.settle()]);
    await held.settle();
    await sleep(60);
    expect(acks).toEqual([undefined]);
    expect(await held.answer({ text: 'after settle' })).toBe(false);
  });

  test('a failing late ack is reported, not thrown', async () => {
    const errors: unknown[] = [];
    pendingAck(
      () => Promise.reject(new Error('socket closed')),
      (e) => errors.push(e),
      10,
    );
    await sleep(40);
    expect(String(errors[0])).toContain('socket closed');
  });
});
