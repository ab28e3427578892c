import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError, GraphQLID, GraphQLString, getArgumentValues, getNamedType, getNullableType, getVariableValues, isInputObjectType, isListType,
  Kind, type FragmentDefinitionNode, type FieldNode, type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type OperationDefinitionNode,
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

/** Whether a value of this type can hold a string or an id anywhere (input objects are followed once each). */
function holdsText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named === GraphQLString || named === GraphQLID) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsText(field.type, seen));
}

interface GuardedField {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/**
 * The root fields that are given an argument able to hold text. Apollo reuses a parsed document, so this is
 * worked out once per document: an operation with only numbers and enums (the list queries' first and sort)
 * costs nothing more.
 */
const guardedFieldsOf = new WeakMap<OperationDefinitionNode, GuardedField[]>();

function guardedFields(root: GraphQLObjectType, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): GuardedField[] {
  let guarded = guardedFieldsOf.get(operation);
  if (!guarded) {
    guarded = rootFields(operation.selectionSet, fragments).flatMap((node) => {
      const field = root.getFields()[node.name.value];
      const given = new Set(node.arguments?.map((a) => a.name.value));
      return field && field.args.some((arg) => given.has(arg.name) && holdsText(arg.type)) ? [{ field, node }] : [];
    });
    guardedFieldsOf.set(operation, guarded);
  }
  return guarded;
}

function checkFields(fields: GuardedField[], variables: Record<string, unknown>, maxLength: number) {
  for (const { field, node } of fields) {
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
 * most 64 characters. Field rules (lengths per vendor field, single-line fields, numbers, references) come later,
 * from the field catalogue.
 */
export function argumentGuardPlugin(maxStringLength: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const root = operation.operation === "mutation" ? schema.getMutationType() : operation.operation === "query" ? schema.getQueryType() : schema.getSubscriptionType();
          if (!root) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const fields = guardedFields(root, operation, fragments);
          if (!fields.length) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return; // execution refuses them itself, with BAD_USER_INPUT
          try {
            checkFields(fields, coerced.coerced, maxStringLength);
          } catch (error) {
            if (error instanceof BadUserInputError) throw toGraphQLError(error);
            // Arguments that do not coerce: execution refuses them itself, in its own words.
            if (error instanceof GraphQLError) return;
            throw error;
          }
        },
      };
    },
  };
}
