import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLID, GraphQLString, getArgumentValues, getNamedType, getNullableType, getVariableValues, isInputObjectType, isListType,
  Kind, type FragmentDefinitionNode, type FieldNode, type GraphQLInputType, type GraphQLObjectType, type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { BadUserInputError } from "../../errors/app-error";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { textProblem } from "../../common/text-input";

/** Ids the stores issue (UUIDs, vendor numbers, run ids) are far shorter; a longer one names nothing. */
const MAX_ID_LENGTH = 64;

/** The root fields an operation selects, through fragments at the top level. */
function rootFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return [];
    seen.add(name);
    return rootFields(fragments[name].selectionSet, fragments, seen);
  });
}

/**
 * Walks a coerced argument value along its input type: strings and ids are checked, input objects and lists
 * followed (the schema bounds their depth), custom scalars (customFields) left to the record-input check.
 */
function checkValue(value: unknown, type: GraphQLInputType, path: string, maxLength: number): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    (value as unknown[]).forEach((item, index) => checkValue(item, nullable.ofType, `${path}[${index}]`, maxLength));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (fields[name]) checkValue(item, fields[name].type, path ? `${path}.${name}` : name, maxLength);
    }
    return;
  }
  const named = getNamedType(nullable);
  if (typeof value !== "string") return;
  const problem = named === GraphQLID ? textProblem(value, MAX_ID_LENGTH, false) : named === GraphQLString ? textProblem(value, maxLength, true) : null;
  if (problem) throw new BadUserInputError(path, `${path}: ${problem}`);
}

function checkOperation(root: GraphQLObjectType, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, maxLength: number) {
  for (const node of rootFields(operation.selectionSet, fragments)) {
    const field = root.getFields()[node.name.value];
    if (!field || !field.args.length) continue;
    const values = getArgumentValues(field, node, variables);
    for (const arg of field.args) {
      // An input object's fields are named on their own ("accountName", "billingAddress.city"), as validation names them.
      const start = isInputObjectType(getNullableType(arg.type)) ? "" : arg.name;
      checkValue(values[arg.name], arg.type, start, maxLength);
    }
  }
}

/**
 * One cheap pass over the arguments of every root query and mutation field, before execution: no string holds a
 * control character (other than tab and line breaks) or exceeds the absolute length limit; an id is one line of at
 * most 64 characters. Field rules
 * (lengths per vendor field, single-line fields, numbers, references) come later, from the field catalogue.
 */
export function argumentGuardPlugin(maxStringLength: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const root = operation.operation === "mutation" ? schema.getMutationType() : operation.operation === "query" ? schema.getQueryType() : schema.getSubscriptionType();
          if (!root) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return; // execution refuses them itself, with BAD_USER_INPUT
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          try {
            checkOperation(root, operation, fragments, coerced.coerced, maxStringLength);
          } catch (error) {
            if (error instanceof BadUserInputError) throw toGraphQLError(error);
            throw error;
          }
        },
      };
    },
  };
}
