import fs from "node:fs/promises";
import path from "node:path";

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

async function readAsset(pkg: string, file: string): Promise<string> {
  return fs.readFile(path.join(packageDir(pkg), file), "utf8");
}

/** Inlined scripts must not close their own <script> element early. */
function inlineScript(source: string): string {
  return `<script>${source.replace(/<\/script/gi, "<\\/script")}</script>`;
}

/**
 * GraphiQL served from installed packages, every byte inlined: customer networks are often offline, so the page
 * loads nothing from a CDN. Headers (the bearer token) persist in the browser's local storage.
 */
export async function renderPlaygroundPage(): Promise<string> {
  const [css, react, reactDom, graphiql] = await Promise.all([
    readAsset("graphiql", "graphiql.min.css"),
    readAsset("react", "umd/react.production.min.js"),
    readAsset("react-dom", "umd/react-dom.production.min.js"),
    readAsset("graphiql", "graphiql.min.js"),
  ]);
  // Until the placeholder is replaced the fetcher sends no Authorization header, so the schema (introspection is
  // open) loads on first visit: GraphiQL does not re-fetch it when the headers change.
  const boot = `
    const placeholder = "Bearer <paste the token printed at start-up>";
    const httpFetcher = GraphiQL.createFetcher({ url: location.pathname });
    const fetcher = (params, options) => {
      const headers = Object.assign({}, options && options.headers);
      for (const name of Object.keys(headers)) if (headers[name] === placeholder) delete headers[name];
      return httpFetcher(params, Object.assign({}, options, { headers }));
    };
    const defaultHeaders = JSON.stringify({ Authorization: placeholder }, null, 2);
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, { fetcher, defaultHeaders, shouldPersistHeaders: true, isHeadersEditorEnabled: true })
    );`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fsm-crm-gateway playground</title>
<link rel="icon" href="data:,">
<style>${css}</style>
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
${inlineScript(react)}
${inlineScript(reactDom)}
${inlineScript(graphiql)}
${inlineScript(boot)}
</body>
</html>`;
}
