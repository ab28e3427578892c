import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { Loaders } from "../loaders/loaders";
import { RecordGraph } from "../loaders/record-graph";
import { Viewer } from "../access/viewer";
import { UnauthenticatedError } from "../errors/app-error";
import { DeepLinks } from "../links/deep-links";
import { authenticateHeader, type Authentication } from "./authentication";
import { Deadline } from "./limits/deadline";

/** What every resolver gets: who is asking, the shared services, and this request's own loaders. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
  graph: RecordGraph;
  /** "View in CRM / FSM" links, with the organisation's base URLs. */
  deepLinks: DeepLinks;
  /** The request's execution budget: loaders check it before each batch (src/http/limits/execution-budget.ts). */
  deadline: Deadline;
}

/**
 * An absent header gives an anonymous context (the auth checker refuses it); a bad one is refused at once.
 * `authentication` is the header already resolved (by the HTTP guards), so a request looks its token up once.
 */
export async function createContext(
  services: Services,
  authorization: string | undefined,
  requestId: string = randomUUID(),
  authentication?: Authentication,
  deadline: Deadline = Deadline.NONE,
): Promise<Context> {
  const resolved = authentication ?? (await authenticateHeader(services.access, authorization));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the token lookup threw, unchanged, for the error formatter to classify
  if (resolved.failure) throw resolved.failure;
  if (resolved.refused) throw new UnauthenticatedError("The bearer token is unknown, revoked or expired");
  const org = await services.org.get();
  const viewer = resolved.principal ? new Viewer(resolved.principal.user, org) : null;
  const loaders = new Loaders(services, deadline);
  const deepLinks = new DeepLinks(org.crmBaseUrl ?? services.config.crmBaseUrl, org.fsmBaseUrl ?? services.config.fsmBaseUrl);
  return { requestId, viewer, services, loaders, graph: new RecordGraph(loaders), deepLinks, deadline };
}
