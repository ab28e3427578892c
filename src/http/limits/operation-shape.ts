import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

/** How deep an operation nests fields and how many aliased fields it resolves, fragments expanded. */
export interface OperationShape {
  depth: number;
  aliases: number;
}

const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);
/** `__Type.ofType` unwraps list/non-null wrappers: a short, in-memory chain that introspection queries nest 8 deep. */
const WRAPPER_UNWRAP_FIELD = "ofType";

/**
 * Measures a selection set. Each fragment is measured once (memoised), so the walk is linear in the document
 * even when fragments are spread many times; a spread inside its own fragment (a cycle, refused by graphql's
 * NoFragmentCycles rule) counts as empty. Aliases inside a fragment count once per spread, as they execute.
 */
export function measureSelections(selectionSet: SelectionSetNode, fragments: (name: string) => FragmentDefinitionNode | null | undefined): OperationShape {
  const memo = new Map<string, OperationShape>();
  const active = new Set<string>();

  const measure = (set: SelectionSetNode, inIntrospection: boolean): OperationShape => {
    let depth = 0;
    let aliases = 0;
    for (const selection of set.selections) {
      let inner: OperationShape = { depth: 0, aliases: 0 };
      let own = 0;
      if (selection.kind === Kind.FIELD) {
        const introspection = inIntrospection || INTROSPECTION_ROOTS.has(selection.name.value);
        own = introspection && selection.name.value === WRAPPER_UNWRAP_FIELD ? 0 : 1;
        if (selection.alias) aliases += 1;
        if (selection.selectionSet) inner = measure(selection.selectionSet, introspection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet, inIntrospection);
      } else {
        inner = measureFragment(selection.name.value, inIntrospection);
      }
      depth = Math.max(depth, own + inner.depth);
      aliases += inner.aliases;
    }
    return { depth, aliases };
  };

  const measureFragment = (name: string, inIntrospection: boolean): OperationShape => {
    const key = `${inIntrospection ? "i" : "o"}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const fragment = fragments(name);
    if (!fragment || active.has(key)) return { depth: 0, aliases: 0 };
    active.add(key);
    const shape = measure(fragment.selectionSet, inIntrospection);
    active.delete(key);
    memo.set(key, shape);
    return shape;
  };

  return measure(selectionSet, false);
}
