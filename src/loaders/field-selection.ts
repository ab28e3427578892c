import { getMetadataStorage } from "type-graphql";
import { TypeInfo, visit, visitWithTypeInfo, isAbstractType, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { fieldsOf } from "../schema/plain-field-resolvers";

/** Per GraphQL object type, the fields an operation selects anywhere in its document. */
export type SelectedFields = ReadonlyMap<string, ReadonlySet<string>>;

const bySchemaAndOperation = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, SelectedFields>>();

/**
 * Walks the document once (fragments included): a field selected on an interface or union counts for every object
 * type that may stand there. Remembered per parsed operation, which Apollo keeps in its document cache.
 */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): SelectedFields {
  let known = bySchemaAndOperation.get(schema);
  if (!known) bySchemaAndOperation.set(schema, (known = new WeakMap()));
  const remembered = known.get(operation);
  if (remembered) return remembered;
  const selected = new Map<string, Set<string>>();
  const add = (typeName: string, field: string) => {
    let fields = selected.get(typeName);
    if (!fields) selected.set(typeName, (fields = new Set()));
    fields.add(field);
  };
  const typeInfo = new TypeInfo(schema);
  const definitions = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith("__")) return;
        const owners = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
        for (const owner of owners) add(owner.name, node.name.value);
      },
    }),
  );
  known.set(operation, selected);
  return selected;
}

/**
 * Always read: the key, the time lists sort by, every reference to another record (resolvers follow them), line order,
 * and the author ids (createdByUser / modifiedByUser follow them).
 */
const ALWAYS = new Set(["id", "modifiedTime", "position", "createdBy", "modifiedBy"]);

/** The columns a query reads of one kind of record. */
export class Projection {
  /** Tells projections apart (statements and row mappers are kept per projection). */
  readonly key: string;

  constructor(private readonly selected: ReadonlySet<string>) {
    this.key = [...selected].sort().join(",");
  }

  /** `property`: a column's property, or for a column of an embedded object (an address), that object's property. */
  reads(property: string): boolean {
    return this.selected.has(property) || ALWAYS.has(property) || property.endsWith("Id");
  }
}

const propertiesByEntity = new WeakMap<Function, { typeName: string; properties: Map<string, string> } | null>();

/** An entity's GraphQL type name and field names → property names (type-graphql's metadata). */
function describe(entity: Function): { typeName: string; properties: Map<string, string> } | null {
  const known = propertiesByEntity.get(entity);
  if (known !== undefined) return known;
  const storage = getMetadataStorage();
  const objectType = storage.objectTypes.find((candidate) => candidate.target === entity);
  const described = objectType
    ? { typeName: objectType.name, properties: new Map([...fieldsOf(storage, objectType)].map(([schemaName, field]) => [schemaName, field.name])) }
    : null;
  propertiesByEntity.set(entity, described);
  return described;
}

/**
 * What a query needs of one kind of record: the fields it selects of that type, plus keys, the modified time and references
 * (field resolvers follow only ids and references of their record: resolvers/). Undefined (every column) when the
 * operation does not select the type, or the entity is no GraphQL type.
 */
export function projectionFor(entity: Function, selected: SelectedFields): Projection | undefined {
  const described = describe(entity);
  const fields = described && selected.get(described.typeName);
  if (!described || !fields) return undefined;
  const properties = new Set<string>();
  for (const field of fields) {
    const property = described.properties.get(field);
    if (property) properties.add(property);
  }
  return new Projection(properties);
}
