/** Something the test set up, or the gateway must have answered with: without it the test fails here, naming what is missing. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
