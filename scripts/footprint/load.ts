import autocannon from 'autocannon';

/** What a load run measured: the one figures type of every benchmark here (process or container). */
export interface LoadFigures {
  /** Requests per second actually served (2xx), over the run's real duration. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests sent. */
  requests: number;
  /** Failed requests: connection errors, timeouts and non-2xx answers. */
  failed: number;
  /** How long the run really took. */
  seconds: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Requests per second to hold (goblog's 1,000 req/s); without it, as many as the service answers. */
  rate?: number;
  /** How long one request may take before it counts as failed. */
  timeoutSeconds?: number;
}

/** Loads `url` with autocannon (the only caller of it): a fixed rate, or as fast as keep-alive connections get answers. */
export async function runLoad(
  url: string,
  { connections, seconds, rate, timeoutSeconds = 10 }: LoadOptions,
): Promise<LoadFigures> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, timeout: timeoutSeconds, ...(rate ? { overallRate: rate } : {}) },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
  });
  const duration = result.duration || seconds;
  return {
    rps: result['2xx'] / duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failed: result.errors + result.timeouts + result.non2xx,
    seconds: duration,
  };
}
