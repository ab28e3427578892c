import type { AbuseLedger, Breach } from "./abuse-ledger";

/** The only 503s a client may see, and only when the suite provokes them (HttpInput.provokes503). */
const ALLOWED_503_CODES = new Set(["EXECUTION_TIMEOUT", "STORAGE_UNAVAILABLE"]);
const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpInput {
  method?: string;
  /** Path and query string below the origin, e.g. "/graphql" or "/sync-history/x/failures.csv". */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** This input is meant to run out of time or storage: 503 EXECUTION_TIMEOUT / STORAGE_UNAVAILABLE is its right answer. */
  provokes503?: boolean;
}

export interface HttpAnswer {
  status: number;
  text: string;
  json: unknown;
  codes: string[];
}

type ErrorLike = { message?: unknown; extensions?: { code?: unknown } };

/** The codes an answer carries: GraphQL `errors[].extensions.code` (batched too) or the routers' `error.code`. */
export function codesOf(json: unknown): { codes: string[]; uncoded: ErrorLike[] } {
  const codes: string[] = [];
  const uncoded: ErrorLike[] = [];
  const visit = (body: unknown) => {
    if (!body || typeof body !== "object") return;
    const { errors, error } = body as { errors?: unknown; error?: { code?: unknown } };
    if (Array.isArray(errors)) {
      for (const e of errors as ErrorLike[]) {
        if (typeof e?.extensions?.code === "string") codes.push(e.extensions.code);
        else uncoded.push(e);
      }
    }
    if (error && typeof error === "object" && typeof error.code === "string") codes.push(error.code);
  };
  if (Array.isArray(json)) json.forEach(visit);
  else visit(json);
  return { codes, uncoded };
}

const short = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The rules every HTTP answer keeps, whatever was sent. */
export function breachesOf(input: HttpInput, answer: HttpAnswer, uncoded: ErrorLike[]): Omit<Breach, "where">[] {
  const out: Omit<Breach, "where">[] = [];
  const said = `HTTP ${answer.status} ${short(answer.text)}`;
  const allowed503 = input.provokes503 && answer.status === 503 && answer.codes.length > 0 && answer.codes.every((c) => ALLOWED_503_CODES.has(c));
  if (answer.status >= 500 && !allowed503) {
    out.push({ rule: `HTTP ${answer.status} (5xx)`, answer: said });
  }
  if (answer.codes.includes("INTERNAL_SERVER_ERROR")) out.push({ rule: "INTERNAL_SERVER_ERROR code", answer: said });
  if (uncoded.length) out.push({ rule: "error without extensions.code", answer: said });
  const bodyless = input.method === "HEAD" || answer.status === 204 || answer.status === 304;
  if (answer.status >= 300 && !bodyless) {
    if (answer.json === undefined) out.push({ rule: `non-2xx body is not JSON (HTTP ${answer.status})`, answer: said });
    else if (!answer.codes.length) out.push({ rule: `non-2xx JSON body without a code (HTTP ${answer.status})`, answer: said });
  }
  return out;
}

/**
 * Sends one hostile request, checks the answer against the rules, and records it in the ledger under `where`.
 * A request that gets no answer at all (connection reset, timeout) is a breach too.
 */
const NODE_MAX_HEADER_BYTES = 16 * 1024;

function headerBytes(input: HttpInput): number {
  return (
    Buffer.byteLength(input.path) +
    Object.entries(input.headers ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)) + 4, 0)
  );
}

export async function sendHostile(origin: string, input: HttpInput, ledger: AbuseLedger, where: string, shown: unknown = input): Promise<HttpAnswer | null> {
  let response: Response;
  try {
    response = await fetch(origin + input.path, {
      method: input.method ?? "POST",
      headers: input.headers,
      body: input.method === "GET" || input.method === "HEAD" ? undefined : input.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    // Past Node's 16 KiB header limit the server answers 431 and closes: a client still sending its body sees a reset.
    if (headerBytes(input) > NODE_MAX_HEADER_BYTES) {
      ledger.record(["reset after 431"]);
      return null;
    }
    ledger.record(["(no answer)"]);
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    ledger.breach({ rule: "no answer", where, answer: `${(error as Error).message} (${cause})` }, shown);
    return null;
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const { codes, uncoded } = codesOf(json);
  const answer: HttpAnswer = { status: response.status, text, json, codes };
  ledger.record(codes.length ? codes : [response.status < 300 ? "ok" : `HTTP ${response.status}`]);
  for (const breach of breachesOf(input, answer, uncoded)) ledger.breach({ ...breach, where }, shown);
  return answer;
}

/** A GraphQL POST as a client sends it. */
export function graphqlPost(body: unknown, token?: string, headers: Record<string, string> = {}): HttpInput {
  return {
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
