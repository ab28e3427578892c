import type { ApolloServerPlugin } from "@apollo/server";
import { renderPlaygroundPage } from "./playground-page";

/** Replaces Apollo's landing page (which loads from CDNs) with the offline GraphiQL page, built on first view. */
export function playgroundPlugin(): ApolloServerPlugin {
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
