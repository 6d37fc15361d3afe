import fc from 'fast-check';
import { LIMITS, validateBlocks } from '../../slack-standin/block-limits';
import { LatencyHistogram } from '../../slack-standin/latency-histogram';
import { mentionsIn, mentionsPosted } from '../../slack-standin/mentions';
import { readMessageContent, textsOf } from '../../slack-standin/message-content';
import { RateLimiter } from '../../slack-standin/rate-limiter';
import type { StoredMessage } from '../../slack-standin/types';

describe('validateBlocks', () => {
  const sectionOf = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(n) } });

  it('accepts section text up to 3000 characters and refuses one more, for any length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), (n) => {
        expect(validateBlocks([sectionOf(n)]).ok).toBe(n <= LIMITS.sectionText);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses duplicate block_ids, unknown block types, empty text and a header in mrkdwn', () => {
    const v = validateBlocks([
      { type: 'divider', block_id: 'a' },
      { type: 'divider', block_id: 'a' },
      { type: 'carousel' },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
      { type: 'header', text: { type: 'mrkdwn', text: 'h' } },
    ]);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.messages).toEqual([
      '[ERROR] block_id must be unique in the message [json-pointer:/blocks/1/block_id]',
      '[ERROR] unsupported type: carousel [json-pointer:/blocks/2/type]',
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/3/text/text]',
      '[ERROR] must be plain_text [json-pointer:/blocks/4/text/type]',
    ]);
  });

  it('checks context and actions element counts and button text length', () => {
    const btn = (i: number, text = 'B') => ({
      type: 'button',
      action_id: `a${i}`,
      text: { type: 'plain_text', text },
    });
    expect(
      validateBlocks([{ type: 'actions', elements: Array.from({ length: 25 }, (_, i) => btn(i)) }]).ok,
    ).toBe(true);
    expect(
      validateBlocks([{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => btn(i)) }]).ok,
    ).toBe(false);
    expect(validateBlocks([{ type: 'actions', elements: [btn(0, 'x'.repeat(76))] }]).ok).toBe(false);
    const ctx = (n: number) => ({
      type: 'context',
      elements: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'c' })),
    });
    expect(validateBlocks([ctx(10)]).ok).toBe(true);
    expect(validateBlocks([ctx(11)]).ok).toBe(false);
  });
});

describe('readMessageContent', () => {
  it('parses blocks given as a JSON string and refuses malformed JSON', () => {
    expect(readMessageContent({ blocks: '[{"type":"divider"}]' }, { requireContent: true })).toEqual({
      ok: true,
      content: { text: '', blocks: [{ type: 'divider' }] },
    });
    expect(readMessageContent({ blocks: '[{' }, { requireContent: true })).toEqual({
      ok: false,
      error: 'invalid_blocks_format',
    });
  });

  it('collects every readable string of a message', () => {
    expect(
      textsOf({
        text: 'top',
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: 'in block' },
            fields: [{ type: 'mrkdwn', text: 'f' }],
          },
        ],
      }),
    ).toEqual(['top', 'in block', 'f']);
  });
});

describe('LatencyHistogram', () => {
  it('reports nearest-rank percentiles', () => {
    const h = new LatencyHistogram();
    for (let i = 100; i >= 1; i -= 1) h.record(i);
    expect(h.summary()).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
    h.reset();
    expect(h.summary().count).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('admits `limit` calls per window per key and tells how long to wait', () => {
    let now = 0;
    const r = new RateLimiter({ perMethod: { 'chat.postMessage': 2 }, windowMs: 10_000 }, () => now);
    expect(r.admit('chat.postMessage', 'C1').ok).toBe(true);
    now = 4000;
    expect(r.admit('chat.postMessage', 'C1').ok).toBe(true);
    expect(r.admit('chat.postMessage', 'C2').ok).toBe(true);
    expect(r.admit('chat.postMessage', 'C1')).toEqual({ ok: false, retryAfterSec: 6 });
    expect(r.admit('chat.update', 'C1').ok).toBe(true);
    now = 10_000;
    expect(r.admit('chat.postMessage', 'C1').ok).toBe(true);
  });
});

describe('mentionsIn / mentionsPosted', () => {
  it('finds ping-capable tokens and ignores escaped ones', () => {
    expect(mentionsIn('hi <!channel> and <@U123|bo> and <!subteam^S1> and <#C1>')).toEqual([
      '<!channel>',
      '<@U123|bo>',
      '<!subteam^S1>',
    ]);
    expect(mentionsIn('&lt;!channel&gt; &lt;@U123&gt; <https://x.y|link>')).toEqual([]);
  });

  it('looks at mrkdwn only, in every version of a message', () => {
    const msg: StoredMessage = {
      channel: 'C1',
      ts: '1.000001',
      ephemeral: false,
      text: 'now',
      blocks: [],
      files: [],
      deleted: false,
      postedVia: 'chat.postMessage',
      history: [
        {
          text: 'first <!here>',
          blocks: [{ type: 'header', text: { type: 'plain_text', text: '<!channel>' } }],
          via: 'chat.postMessage',
          at: 0,
        },
        {
          text: 'now',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'by <@U2>' } }],
          via: 'chat.update',
          at: 1,
        },
      ],
    };
    expect(mentionsPosted([msg]).map((m) => m.mention)).toEqual(['<!here>', '<@U2>']);
  });
});
