import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  GraphQLID,
  GraphQLString,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { BadUserInputError } from "../../errors/app-error";
import { toGraphQLError } from "../../errors/to-graphql-error";
import { textProblem } from "../../common/text-input";

/** Ids the stores issue (UUIDs, vendor numbers, run ids) are far shorter; a longer one names nothing. */
const MAX_ID_LENGTH = 64;

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
 * Every field of the document (root or nested, in fragments too) that is given an argument able to hold text.
 * Apollo reuses a parsed document, so this is worked out once per document: an operation with only numbers and
 * enums (the list queries' first and sort) costs nothing more.
 */
const guardedFieldsOf = new WeakMap<DocumentNode, GuardedField[]>();

function guardedFields(schema: GraphQLSchema, document: DocumentNode): GuardedField[] {
  let guarded = guardedFieldsOf.get(document);
  if (!guarded) {
    const found: GuardedField[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          const given = new Set(node.arguments?.map((a) => a.name.value));
          if (field && given.size && field.args.some((arg) => given.has(arg.name) && holdsText(arg.type))) found.push({ field, node });
        },
      }),
    );
    guarded = found;
    guardedFieldsOf.set(document, guarded);
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
 * The refusal for the first string or id argument, anywhere in the operation, that holds a control character
 * (other than tab and line breaks), exceeds the absolute length limit, or (an id) is not one line of at most 64
 * characters; null when there is none. Field rules (lengths per vendor field, numbers, references) come later,
 * from the field catalogue. HTTP (the plugin below) and WebSocket (prepare-operation.ts) both call it.
 */
export function argumentRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  maxStringLength: number,
): GraphQLError | null {
  const fields = guardedFields(schema, document);
  if (!fields.length) return null;
  try {
    checkFields(fields, variables, maxStringLength);
    return null;
  } catch (error) {
    if (error instanceof BadUserInputError) return toGraphQLError(error);
    // Arguments that do not coerce: execution refuses them itself, in its own words.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
}

export function argumentGuardPlugin(maxStringLength: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation || !guardedFields(schema, document).length) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return; // execution refuses them itself, with BAD_USER_INPUT
          const refusal = argumentRefusal(schema, document, coerced.coerced, maxStringLength);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
