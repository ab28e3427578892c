import { getMetadataStorage } from "type-graphql";
import { isObjectType, type GraphQLSchema } from "graphql";

type Storage = ReturnType<typeof getMetadataStorage>;
export type ObjectTypeMetadata = Storage["objectTypes"][number];
type FieldMetadata = NonNullable<ObjectTypeMetadata["fields"]>[number];

/** A type's fields with those it inherits from @ObjectType base classes (RecordBase's id, times…); its own win. */
export function fieldsOf(storage: Storage, objectType: ObjectTypeMetadata): Map<string, FieldMetadata> {
  const fields = new Map<string, FieldMetadata>();
  for (let target: unknown = objectType.target; typeof target === "function"; target = Object.getPrototypeOf(target)) {
    const definition = storage.objectTypes.find((candidate) => candidate.target === target);
    for (const field of definition?.fields ?? []) if (!fields.has(field.schemaName)) fields.set(field.schemaName, field);
  }
  return fields;
}

/**
 * Takes out the resolvers type-graphql gives every plain `@Field()` property: without auth or middleware they only
 * read `root[name]`, which is what GraphQL does with no resolver at all, but each call still costs a resolver call
 * (and with graphql-jit, a resolve-info object), thousands per nested response. Fields with a @FieldResolver,
 * @Authorized or a middleware keep theirs. Same effect as type-graphql's `simpleResolvers`, decided per field
 * from type-graphql's own metadata, so a rule added later to a field is never skipped.
 */
export function removePlainFieldResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  let removed = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || objectType.simpleResolvers === false) continue;
    const graphqlFields = type.getFields();
    for (const [schemaName, field] of fieldsOf(storage, objectType)) {
      const owners: unknown[] = [field.target, objectType.target];
      const hasFieldResolver = storage.fieldResolvers.some((resolver) => resolver.methodName === field.name && owners.includes(resolver.getObjectType?.()));
      const plain = !hasFieldResolver && !field.roles && !field.middlewares?.length && field.simple !== false && field.name === schemaName;
      const graphqlField = graphqlFields[schemaName];
      if (plain && graphqlField?.resolve) {
        graphqlField.resolve = undefined;
        removed += 1;
      }
    }
  }
  return removed;
}
