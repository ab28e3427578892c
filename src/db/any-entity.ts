import type { DeepPartial, EntityTarget, ObjectLiteral } from "typeorm";

/*
 * Code generic over an entity `T` (a store over its modules, a bulk insert) holds the entity's values as plain
 * objects, which TypeScript cannot relate to TypeORM's mapped types of `T` (FindOptionsWhere<T>, DeepPartial<T>…).
 */

/** The target as TypeORM's untyped entity: its where-clauses, changes and inserts then take plain objects. */
export function anyEntity<T extends ObjectLiteral>(target: EntityTarget<T>): EntityTarget<ObjectLiteral> {
  return target;
}

/**
 * Plain values as the entity `T` they are the columns of, for `manager.create`: what comes back must be typed
 * `T`, so the target cannot be widened. `create` copies only T's columns from the object, so nothing else leaks.
 */
export function entityValues<T extends ObjectLiteral>(values: object): DeepPartial<T> {
  return values as DeepPartial<T>;
}
