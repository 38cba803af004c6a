/** A minimal server-sent-events client over node:http, for tests: it records every frame as it arrives. */
import http from 'node:http';

export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Frames so far (comments are counted in `comments`). */
  frames: SseFrame[];
  comments: number;
  /** The body when the server answered with something other than a stream (an error). */
  body: () => string;
  /** Waits for a frame matching `predicate` (among those already received or still to come). */
  waitFor(predicate: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Frames whose `event` is a domain event type (not ready/error), with `data` parsed. */
  events(): Array<{ id: string; type: string; conversation_id: string; created_at: string; data: Record<string, unknown> }>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  /** Stops reading (the socket stays open): a slow client. */
  pause(): void;
  resume(): void;
  close(): void;
}

export function openSse(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, baseUrl), { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      const frames: SseFrame[] = [];
      const waiters: Array<{ predicate: (frame: SseFrame) => boolean; resolve: (frame: SseFrame) => void }> = [];
      let buffer = '';
      let raw = '';
      let comments = 0;
      let endedResolve: () => void = () => undefined;
      const ended = new Promise<void>((done) => (endedResolve = done));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const frame: SseFrame = { event: 'message', data: '' };
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') frame.id = value;
            else if (field === 'event') frame.event = value;
            else if (field === 'data') frame.data = frame.data ? `${frame.data}\n${value}` : value;
          }
          if (isComment) {
            comments += 1;
            continue;
          }
          frames.push(frame);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(frame)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(frame);
            }
          }
        }
      });
      response.on('end', () => endedResolve());
      response.on('close', () => endedResolve());
      response.on('error', () => endedResolve());
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        frames,
        get comments() {
          return comments;
        },
        body: () => raw,
        waitFor(predicate, timeoutMs = 5_000) {
          const found = frames.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((resolveFrame, rejectFrame) => {
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              rejectFrame(new Error(`no matching event within ${timeoutMs} ms; got: ${frames.map((f) => f.event).join(', ')}`));
            }, timeoutMs);
            const waiter = {
              predicate,
              resolve: (frame: SseFrame) => {
                clearTimeout(timer);
                resolveFrame(frame);
              },
            };
            waiters.push(waiter);
          });
        },
        events: () => frames.filter((frame) => !['ready', 'error', 'message'].includes(frame.event)).map((frame) => JSON.parse(frame.data)),
        ended,
        pause: () => response.pause(),
        resume: () => response.resume(),
        close: () => {
          request.destroy();
          response.destroy();
        },
      };
      resolve(client);
    });
    request.on('error', reject);
  });
}
