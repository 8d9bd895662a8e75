import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSseText } from '../../testing/sse-text.js';
import { kiroEventStreamToClaudeSse } from './adapt-stream.js';
import { encodeKiroEvent, encodeKiroException } from './event-stream-encoder.js';

async function adapt(chunks: Buffer[]): Promise<Array<{ event?: string; data: string }>> {
  const out: Buffer[] = [];
  for await (const chunk of kiroEventStreamToClaudeSse(Readable.from(chunks), { model: 'claude-sonnet-4-5', requestId: 'req_1', created: 1_765_000_000 })) out.push(chunk as Buffer);
  return parseSseText(Buffer.concat(out).toString('utf8'));
}

describe('Kiro event stream → Claude SSE', () => {
  it('a whole answer split mid-frame becomes the Claude event sequence with usage', async () => {
    const bytes = Buffer.concat([encodeKiroEvent('assistantResponseEvent', { content: 'Hi' }), encodeKiroEvent('metadataEvent', { tokenUsage: { uncachedInputTokens: 4, outputTokens: 1 } }), encodeKiroEvent('messageStopEvent', { stopReason: 'end_turn' })]);
    const events = await adapt([bytes.subarray(0, 5), bytes.subarray(5, 90), bytes.subarray(90)]);
    expect(events.map((event) => event.event)).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(JSON.parse(events[3]!.data)).toMatchObject({ delta: { type: 'text_delta', text: 'Hi' } });
    expect(JSON.parse(events[5]!.data)).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 4, output_tokens: 1 } });
  });

  it('an exception before any content is a lone leading error event (so the pipeline can fail over)', async () => {
    const events = await adapt([encodeKiroException('ThrottlingException', 'Rate exceeded')]);
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toBe('error');
    expect(JSON.parse(events[0]!.data)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: 'Kiro: ThrottlingException: Rate exceeded' } });
  });
});
