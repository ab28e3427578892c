import { Router } from "express";
import type { Logger } from "pino";
import type { Services } from "../services";

/** POST /hooks/crm and /hooks/fsm: edits made outside the gateway, announced by the systems themselves. */
export function createChangeFeedRouter(_services: Services, _logger: Logger): Router {
  return Router();
}
