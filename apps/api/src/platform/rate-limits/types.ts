/** The shapes of rate limiting: what a policy limits, and where a key stands against it. */

/** One window of a policy, named as it appears in the RateLimit headers and in the counters' keys. */
export interface RateWindow {
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * What is limited and by how much: data from the configuration, nothing about counting (a
 * RateLimiter counts). Every window must have room for a hit to be allowed.
 */
export interface RateLimitPolicy {
  name: string;
  windows: RateWindow[];
  /** What the 429 says, so the client knows which limit it hit. */
  message: string;
}

/** A window's count after a hit (this hit included), and when the window starts over. */
export interface WindowCount {
  window: RateWindow;
  hits: number;
  resetAt: Date;
}

/** Where a key stands against a policy: what the RateLimit headers report. */
export interface RateLimitReport {
  policy: RateLimitPolicy;
  /** Whose hits these are (the RateLimit-Policy partition key is derived from it). */
  key: string;
  windows: Array<{ window: RateWindow; remaining: number; resetAt: Date }>;
}
