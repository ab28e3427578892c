const SUGGESTION = /\s*Did you mean [\s\S]*\?$/;

/** graphql-js's "Did you mean …?" hint removed: it spells out field, argument, type and enum names to anyone. */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, "");
}
