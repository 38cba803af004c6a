import type { Server, ServerResponse } from 'node:http';

export interface Drain {
  /**
   * Stops accepting connections and lets the requests in flight finish; keep-alive connections are
   * closed as soon as they fall idle. After `graceMs`, whatever is still open is cut.
   */
  drain(graceMs: number): Promise<void>;
}

/**
 * Graceful shutdown for a node http server. `server.close()` alone stops listening but would keep
 * serving new requests on open keep-alive connections (and keep them open until their idle timeout),
 * so every response written once draining has begun says `Connection: close`.
 */
export function drainable(server: Server): Drain {
  let draining = false;
  const inFlight = new Set<ServerResponse>();

  const closeWhenDone = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };
  // Before express's listener, so the header is set before any handler can answer.
  server.prependListener('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      // A response that was already under way kept its keep-alive; close that connection now it is idle.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    if (draining) closeWhenDone(response);
  });

  return {
    async drain(graceMs) {
      draining = true;
      inFlight.forEach(closeWhenDone);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      try {
        await closed;
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}
