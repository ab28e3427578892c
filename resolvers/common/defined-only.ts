/** Input objects carry `undefined` for absent fields: drop them, so that absent never overwrites. */
export function definedOnly(input: object | null | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([, value]) => value !== undefined));
}
