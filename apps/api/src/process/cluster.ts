/**
 * Several API processes on one port (node:cluster): the primary forks the workers, restarts one that
 * dies, and on SIGTERM or SIGINT lets every worker drain its requests (each runs the usual graceful
 * shutdown) before it exits itself. The primary serves nothing and never opens the database.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** How long a worker that died is given before its replacement starts, so a crash loop does not spin. */
const RESTART_DELAY_MS = 1000;

export function runPrimary(workers: number, logger: Logger): void {
  let stopping = false;
  let failed = false;
  let servedOnce = false;
  const listening = new WeakSet<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      listening.add(worker);
      servedOnce = true;
    });
    return worker;
  };
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: alive().length }, 'shutting down: every worker drains its requests');
    if (alive().length === 0) process.exit(failed ? 1 : 0);
    for (const worker of alive()) worker.process.kill('SIGTERM');
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (alive().length === 0) {
        logger.info({ exitCode: failed ? 1 : 0 }, 'every worker has stopped');
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    // A worker that never listened failed to start (configuration, migrations, database): more of the
    // same would fail alike, so the API stops rather than looping.
    if (!listening.has(worker) && !servedOnce) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'an API worker failed to start; stopping');
      failed = true;
      stop('worker-start-failure');
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'an API worker died; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  // The first worker runs the migrations alone; the others start once it listens.
  const first = fork();
  first.once('listening', () => {
    logger.info({ workers }, `messaging API running ${workers} processes`);
    for (let i = 1; i < workers && !stopping; i++) fork();
  });
}
