import pg from 'pg';

export interface NotificationListenerOptions {
  /** A PostgreSQL connection string (a real server: the embedded one serves one connection only). */
  url: string;
  channel: string;
  /** A notification arrived on the channel. */
  onNotify(payload: string | undefined): void;
  /**
   * The listening connection is (re)established. Notifications sent while it was down are lost, so
   * callers catch up from their own store here.
   */
  onListening?(): void;
  onError?(error: Error): void;
  /** First wait before reconnecting; doubles up to 10 s. */
  retryMs?: number;
}

export interface NotificationListener {
  close(): Promise<void>;
}

/**
 * One dedicated connection that LISTENs on a channel, outside the query pool (a pooled connection
 * would be handed to other queries and would stop listening). After a database outage it reconnects
 * with backoff, then calls onListening so nothing sent meanwhile is missed for good.
 */
export function listenForNotifications(options: NotificationListenerOptions): NotificationListener {
  const channel = pg.escapeIdentifier(options.channel);
  const firstRetryMs = options.retryMs ?? 250;
  let retryMs = firstRetryMs;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  const connect = async () => {
    const current = new pg.Client({
      connectionString: options.url,
      application_name: 'messaging-app-listener',
      connectionTimeoutMillis: 10_000,
    });
    client = current;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      options.onError?.(error);
      current.end().catch(() => undefined);
      scheduleReconnect();
    };
    current.on('error', fail);
    current.on('end', () => {
      if (!closed) fail(new Error('the listening connection ended'));
    });
    current.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${channel}`);
      if (closed) {
        await current.end().catch(() => undefined);
        return;
      }
      retryMs = firstRetryMs;
      options.onListening?.();
    } catch (error) {
      fail(error as Error);
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
