import type { EntityManager } from "typeorm";
import { BadUserInputError, ConflictError } from "../errors/app-error";

const MAX_KEY_LENGTH = 128;
import { IdempotencyKey } from "./idempotency-key.entity";

export interface IdempotentRequest {
  userId: string;
  key: string | null | undefined;
  /** Describes the request, e.g. "Work_Orders<Deals:abc". */
  request: string;
}

const keyId = (r: IdempotentRequest) => `${r.userId}:${r.key}`;

/** The record an earlier request with this key created, or null; a key reused for another request is refused. */
export async function findIdempotentResult(manager: EntityManager, request: IdempotentRequest): Promise<IdempotencyKey | null> {
  if (!request.key) return null;
  if (request.key.length > MAX_KEY_LENGTH) throw new BadUserInputError("idempotencyKey", `idempotencyKey: at most ${MAX_KEY_LENGTH} characters`);
  const found = await manager.findOneBy(IdempotencyKey, { id: keyId(request) });
  if (found && found.request !== request.request) {
    throw new ConflictError("idempotencyKey: this key was already used for a different request", "idempotencyKey");
  }
  return found;
}

export async function rememberIdempotentResult(manager: EntityManager, request: IdempotentRequest, module: string, id: string): Promise<void> {
  if (!request.key) return;
  await manager.insert(IdempotencyKey, { id: keyId(request), request: request.request, resultModule: module, resultId: id, createdTime: new Date() });
}
