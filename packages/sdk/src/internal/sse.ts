/** One server-sent event as the wire format defines it (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Reads server-sent events from a response body: a small parser of the event-stream format (lines of
 * `field: value`, events separated by a blank line, `:` comments ignored), so the SDK keeps no runtime
 * dependencies. Ends when the body ends; cancelling `signal` cancels the body.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  let message: SseMessage = { event: 'message', data: '' };
  let hasData = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A lone \r at the end of the buffer may be the first half of \r\n: wait for more.
        if (buffer[newline] === '\r' && newline === buffer.length - 1) break;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (hasData || message.id !== undefined) yield message;
          message = { event: 'message', data: '' };
          hasData = false;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') message.event = fieldValue;
        else if (field === 'id') message.id = fieldValue;
        else if (field === 'data') {
          message.data = hasData ? `${message.data}\n${fieldValue}` : fieldValue;
          hasData = true;
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}
