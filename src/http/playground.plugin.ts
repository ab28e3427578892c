import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { renderPlaygroundPage } from "./playground-page";

/**
 * Replaces Apollo's landing page (which loads from CDNs) with the offline GraphiQL page, built on first view.
 * Switched off (config `playground`, on in development, off in production unless PLAYGROUND=true), there is no
 * page at all: GET /graphql from a browser gets no HTML.
 */
export function playgroundPlugin(enabled = true): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  let page: Promise<string> | null = null;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return {
            html: () => {
              page ??= renderPlaygroundPage();
              return page;
            },
          };
        },
      };
    },
  };
}
