import type { ApolloServerPlugin } from "@apollo/server";
import type { AppError } from "../../errors/app-error";
import { PersistedQueryHashMismatchError, PersistedQueryVersionNotSupportedError } from "../../errors/http-errors";

/** Apollo Server 5's messages for the automatic-persisted-query problems it raises without a code. */
const BY_MESSAGE: Record<string, () => AppError> = {
  "provided sha does not match query": () => new PersistedQueryHashMismatchError(),
  "Unsupported persisted query version": () => new PersistedQueryVersionNotSupportedError(),
};

/**
 * Gives every APQ problem a PERSISTED_QUERY_… code. Apollo raises these two without a code, so the formatter
 * would call them internal errors; hanging our AppError under them (as token-limit.plugin.ts does) keeps
 * Apollo's 400 and lets the formatter answer with the code. NOT_FOUND and NOT_SUPPORTED carry Apollo's own codes.
 */
export const persistedQueryErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    if (!request.extensions?.persistedQuery) return;
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const appError = BY_MESSAGE[error.message]?.();
          if (appError) (error as { originalError?: Error }).originalError = appError;
        }
      },
    };
  },
};
