// Reads a Server-Sent Events body from fetch: EventSource cannot send the token header, so we parse the frames.
//
// Follows the HTML standard's event stream interpretation for the fields the server sends: `event`,
// `data` (joined by newlines), `id` (kept until the next `id`, like EventSource's lastEventId),
// comment lines (`:`), and lines ended by CRLF, LF or CR. `retry` is ignored: the reconnect
// back-off is the transport's.

export interface SseMessage {
  /** `message` unless the frame named another (`ready`). */
  event: string;
  data: string;
  /** The last `id:` seen on this stream so far ('' before any). */
  lastEventId: string;
}

export class SseParser {
  readonly #onMessage: (message: SseMessage) => void;
  #pending = '';
  /** The previous chunk ended in CR: a LF opening the next chunk belongs to it. */
  #afterCr = false;
  #event = '';
  #data: string[] = [];
  #lastEventId = '';

  constructor(onMessage: (message: SseMessage) => void) {
    this.#onMessage = onMessage;
  }

  /** Feeds decoded text; complete lines are handled at once, a partial one waits for the rest. */
  push(text: string): void {
    let chunk = text;
    if (this.#afterCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#afterCr = chunk.endsWith('\r');
    const lines = (this.#pending + chunk).split(/\r\n|\r|\n/);
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
  }

  #dispatch(): void {
    const event = this.#event === '' ? 'message' : this.#event;
    const data = this.#data;
    this.#event = '';
    this.#data = [];
    // A frame without data (an `id:` alone, a heartbeat) dispatches nothing.
    if (data.length === 0) return;
    this.#onMessage({ event, data: data.join('\n'), lastEventId: this.#lastEventId });
  }
}

/** Reads the body to its end (or until it fails), handing each message over as it completes. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: SseMessage) => void,
): Promise<void> {
  const parser = new SseParser(onMessage);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}
