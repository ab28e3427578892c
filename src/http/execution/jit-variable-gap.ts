import {
  getNamedType,
  isInputObjectType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from "graphql";

/**
 * graphql-jit 0.8 coerces variables with its own generated code, which ignores the default of anything required:
 * a required variable with a default (`$first: Int! = 20`) or a required input field with one
 * (`mandatory: Boolean! = false`). Left out, it refuses the request where graphql-js fills the default in.
 * True when an operation's variables have such a default: those operations run on graphql-js.
 */
export function variablesNeedGraphqlJs(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[] = []): boolean {
  const seen = new Set<GraphQLInputObjectType>();
  const reachesRequiredFieldWithDefault = (type: GraphQLInputObjectType): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    return Object.values(type.getFields()).some((field) => {
      if (isNonNullType(field.type) && field.defaultValue !== undefined) return true;
      const named = getNamedType(field.type);
      return isInputObjectType(named) && reachesRequiredFieldWithDefault(named);
    });
  };
  return definitions.some((definition) => {
    const type = typeFromAST(schema, definition.type);
    if (isNonNullType(type) && definition.defaultValue) return true;
    const named = getNamedType(type);
    return isInputObjectType(named) && reachesRequiredFieldWithDefault(named);
  });
}
