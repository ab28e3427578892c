import autocannon from "autocannon";

export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface LoadRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Every response must be exactly this body; others count as mismatches. */
  expectBody?: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  bytesPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  durationSeconds: number;
}

function fire(request: LoadRequest, connections: number, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: request.url,
    method: "POST",
    headers: { "content-type": "application/json", ...request.headers },
    body: request.body,
    connections,
    duration: durationSeconds,
    timeout: 10,
    expectBody: request.expectBody,
  });
}

/**
 * Closed-loop load over loopback from this process (the servers are children) for a fixed duration.
 * Latency resolution is autocannon's, 1 ms.
 */
export async function runLoad(request: LoadRequest, connections: number, durationSeconds: number): Promise<LoadResult> {
  const result = await fire(request, connections, durationSeconds);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
    bytesPerSecond: result.throughput.total / result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    durationSeconds: result.duration,
  };
}
