import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { Loaders } from "../loaders/loaders";
import { RecordGraph } from "../loaders/record-graph";
import { Viewer } from "../access/viewer";
import { UnauthenticatedError } from "../errors/app-error";

/** What every resolver gets: who is asking, the shared services, and this request's own loaders. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
  graph: RecordGraph;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** An absent header gives an anonymous context (the auth checker refuses it); a bad one is refused at once. */
export async function createContext(services: Services, authorization: string | undefined, requestId = randomUUID()): Promise<Context> {
  let viewer: Viewer | null = null;
  if (authorization) {
    const token = BEARER.exec(authorization)?.[1];
    const user = token ? await services.access.authenticate(token) : null;
    if (!user) throw new UnauthenticatedError("The bearer token is unknown, revoked or expired");
    viewer = new Viewer(user);
  }
  const loaders = new Loaders(services);
  return { requestId, viewer, services, loaders, graph: new RecordGraph(loaders) };
}
