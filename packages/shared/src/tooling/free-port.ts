import { createServer } from 'node:net';

/**
 * A TCP port free on the loopback interface right now, for a server a test, the benchmark or a script
 * starts (the API, PostgreSQL, a baseline). The one copy of this helper in the repository.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
