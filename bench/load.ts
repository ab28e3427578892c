import autocannon from "autocannon";

export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** Reads: the bodies the load cycles through. */
  bodies?: string[];
  /** Edits: a new body for every request. */
  nextBody?: () => string;
  /** False for a response that is not what the scenario expects (counted as a mismatch). */
  verify(body: string): boolean;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Percentiles of every response's own time (µs resolution, not autocannon's 1 ms histogram). */
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  bytesPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  durationSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/**
 * Closed-loop load over loopback from this process (the servers are children) for a fixed duration.
 */
export function runLoad(request: LoadRequest, connections: number, durationSeconds: number): Promise<LoadResult> {
  const nextBody = request.nextBody;
  const requests = nextBody
    ? [{ method: "POST" as const, setupRequest: (r: autocannon.Request) => ({ ...r, body: nextBody() }) }]
    : (request.bodies ?? []).map((body) => ({ method: "POST" as const, body }));
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        requests,
        connections,
        duration: durationSeconds,
        // Generous: on a busy shared machine a nested response can take seconds; a timeout fails the run.
        timeout: 30,
        verifyBody: (body) => request.verify(String(body ?? "")),
      },
      (error, result) => {
        // autocannon types its callback's error as any; it is an Error.
        if (error) return reject(error as Error);
        const sorted = latencies.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          requestsPerSecond: result.requests.total / result.duration,
          latencyMs: {
            p50: percentile(sorted, 50),
            p90: percentile(sorted, 90),
            p99: percentile(sorted, 99),
            mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
            max: sorted[sorted.length - 1] ?? 0,
          },
          bytesPerSecond: result.throughput.total / result.duration,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          mismatches: result.mismatches,
          durationSeconds: result.duration,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}
