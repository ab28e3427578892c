/** A parsed CRM search criteria: `((Field:op:value)and(Field:op:value))`, values backslash-escaped. */
export type Criteria = { kind: "condition"; field: string; operator: string; value: string } | { kind: "group"; joiner: "and" | "or"; parts: Criteria[] };

export class CriteriaSyntaxError extends Error {}

/** Parses criteria as the CRM's search documents them; throws CriteriaSyntaxError on anything else. */
export function parseCriteria(text: string): Criteria {
  let at = 0;
  const expect = (char: string) => {
    if (text[at] !== char) throw new CriteriaSyntaxError(`expected "${char}" at ${at}`);
    at += 1;
  };
  const condition = (): Criteria => {
    const field = /^[A-Za-z0-9_.$]+/.exec(text.slice(at))?.[0];
    if (!field) throw new CriteriaSyntaxError(`expected a field at ${at}`);
    at += field.length;
    expect(":");
    const operator = /^[a-z_]+/.exec(text.slice(at))?.[0];
    if (!operator) throw new CriteriaSyntaxError(`expected an operator at ${at}`);
    at += operator.length;
    expect(":");
    let value = "";
    while (at < text.length && text[at] !== ")") {
      if (text[at] === "\\") at += 1;
      value += text[at] ?? "";
      at += 1;
    }
    return { kind: "condition", field, operator, value };
  };
  const term = (): Criteria => {
    expect("(");
    const inner = text[at] === "(" ? expression() : condition();
    expect(")");
    return inner;
  };
  const expression = (): Criteria => {
    const parts = [term()];
    let joiner: "and" | "or" | null = null;
    for (;;) {
      const next = /^(and|or)/i.exec(text.slice(at))?.[0]?.toLowerCase() as "and" | "or" | undefined;
      if (!next) break;
      if (joiner && joiner !== next) throw new CriteriaSyntaxError("mixed and/or without brackets");
      joiner = next;
      at += next.length;
      parts.push(term());
    }
    // More than one part always comes with a joiner.
    return parts.length === 1 || !joiner ? parts[0] : { kind: "group", joiner, parts };
  };
  const parsed = expression();
  if (at !== text.length) throw new CriteriaSyntaxError(`unexpected "${text.slice(at)}"`);
  return parsed;
}

/** Compares a record's wire value with a criteria value as the search does (text case-insensitively). */
export function compareWire(actual: unknown, operator: string, expected: string): boolean {
  const value = actual && typeof actual === "object" ? (actual as { id?: unknown }).id : actual;
  const text = value === null || value === undefined ? "" : String(value);
  const [a, b] = [text.toLowerCase(), expected.toLowerCase()];
  const numeric = text !== "" && !Number.isNaN(Number(text)) && !Number.isNaN(Number(expected));
  const order = numeric ? Number(text) - Number(expected) : Date.parse(text) - Date.parse(expected) || a.localeCompare(b);
  switch (operator) {
    case "equals":
    case "equal":
      return a === b;
    case "not_equal":
      return a !== b;
    case "starts_with":
      return a.startsWith(b);
    case "contains":
      return a.includes(b);
    case "greater_than":
      return text !== "" && order > 0;
    case "greater_equal":
      return text !== "" && order >= 0;
    case "less_than":
      return text !== "" && order < 0;
    case "less_equal":
      return text !== "" && order <= 0;
    default:
      throw new CriteriaSyntaxError(`unknown operator ${operator}`);
  }
}

export function matchesCriteria(criteria: Criteria, row: Record<string, unknown>): boolean {
  if (criteria.kind === "condition") return compareWire(row[criteria.field.replace(/\.id$/, "")], criteria.operator, criteria.value);
  return criteria.joiner === "and" ? criteria.parts.every((p) => matchesCriteria(p, row)) : criteria.parts.some((p) => matchesCriteria(p, row));
}
