import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface StubServer {
  url: string;
  requests: StubRequest[];
  stop(): Promise<void>;
}

/** Sends a response in the API's error shape. */
export function sendError(res: ServerResponse, status: number, code: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': `stub-${status}`, ...headers });
  res.end(JSON.stringify({ error: { code, message: `Stubbed ${status}.` } }));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A tiny HTTP server on 127.0.0.1 for failures the real API cannot be made to produce on demand
 * (429, 5xx, Retry-After, hangs). `handle` gets the 0-based number of the request too.
 */
export async function startStub(handle: (req: IncomingMessage, res: ServerResponse, index: number) => void): Promise<StubServer> {
  const requests: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    // Drain the body so keep-alive connections stay usable.
    req.resume();
    req.on('end', () => handle(req, res, requests.length - 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
