import { createHash, timingSafeEqual } from "node:crypto";
import { Router } from "express";
import type { Logger } from "pino";
import type { GatewayMetrics } from "../metrics/gateway-metrics";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares digests, so neither the token's content nor its length leaks through timing. */
function tokenMatches(authorization: string | undefined, token: string): boolean {
  const given = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics in the Prometheus text format. With METRICS_TOKEN set, the scraper must send
 * `Authorization: Bearer <token>` (401 otherwise); unset, the endpoint is open (keep it on a private network).
 */
export function createMetricsRouter(metrics: GatewayMetrics, token: string | null, logger: Logger): Router {
  const router = Router();
  router.get("/metrics", async (req, res) => {
    if (token && !tokenMatches(req.headers.authorization, token)) {
      res.status(401).set("www-authenticate", 'Bearer realm="metrics"').json({ error: "A valid metrics bearer token is required" });
      return;
    }
    try {
      const body = await metrics.render();
      res.status(200).set("content-type", metrics.contentType).set("cache-control", "no-store").send(body);
    } catch (error) {
      logger.error({ err: error }, "metrics could not be rendered");
      res.status(500).json({ error: "Metrics are unavailable" });
    }
  });
  return router;
}
