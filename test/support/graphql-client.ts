import { print, type GraphQLFormattedError } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** Sends raw text to the endpoint, as any HTTP client could. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as Omit<GraphQLResponse<TData>, "status">;
  return { status: response.status, ...json };
}

/** Runs a typed operation from schema/operations over HTTP. */
export function execute<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<GraphQLResponse<TData>> {
  return postGraphQL<TData>(url, { query: print(document), variables }, token);
}

/** Runs a typed operation and fails loudly if anything but data came back. */
export async function query<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token: string,
): Promise<TData> {
  const response = await execute(url, document, variables, token);
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}
