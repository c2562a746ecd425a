// The event-stream parser the transport reads /api/events with (fetch instead of EventSource).
import { describe, expect, test } from 'vitest';
import { readSse, SseParser, type SseMessage } from '../../../src-renderer/lib/sse-reader.js';

function parse(...chunks: string[]): SseMessage[] {
  const seen: SseMessage[] = [];
  const parser = new SseParser((m) => seen.push(m));
  for (const chunk of chunks) parser.push(chunk);
  return seen;
}

describe('SSE parser', () => {
  test('reads the frames the server sends: retry, ready, numbered events, heartbeats', () => {
    const text =
      'retry: 2000\n\nevent: ready\ndata: {"instance":"i","seq":0}\n\n' +
      ': heartbeat\n\nid: 1\ndata: {"type":"a"}\n\nid: 2\ndata: {"type":"b"}\n\n';
    expect(parse(text)).toEqual([
      { event: 'ready', data: '{"instance":"i","seq":0}', lastEventId: '' },
      { event: 'message', data: '{"type":"a"}', lastEventId: '1' },
      { event: 'message', data: '{"type":"b"}', lastEventId: '2' },
    ]);
  });

  test('frames split anywhere, even between CR and LF, come out whole and once', () => {
    const text = 'id: 7\r\ndata: one\r\n\r\nevent: x\rdata: two\r\rdata: three\n\n';
    const whole = parse(text);
    expect(whole).toEqual([
      { event: 'message', data: 'one', lastEventId: '7' },
      { event: 'x', data: 'two', lastEventId: '7' },
      { event: 'message', data: 'three', lastEventId: '7' },
    ]);
    for (let at = 1; at < text.length; at += 1) {
      expect(parse(text.slice(0, at), text.slice(at)), `split at ${at}`).toEqual(whole);
    }
    expect(parse(...text.split(''))).toEqual(whole);
  });

  test('data lines join with newlines; an unfinished frame and a data-less frame dispatch nothing', () => {
    expect(parse('data: a\ndata:b\ndata\n\nid: 3\n\ndata: half')).toEqual([
      { event: 'message', data: 'a\nb\n', lastEventId: '' },
    ]);
  });

  test('readSse decodes a byte stream split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('data: "Ä→"\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const seen: SseMessage[] = [];
    await readSse(body, (m) => seen.push(m));
    expect(seen).toEqual([{ event: 'message', data: '"Ä→"', lastEventId: '' }]);
  });
});
