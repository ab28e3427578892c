import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestGateway, type TestGateway } from "../support/test-gateway";
import { buildSmallOrg } from "../support/small-org";
import { launchChromium } from "../support/browser";

const ACCOUNTS_QUERY = "{ accounts(first: 5) { nodes { accountName } } }";
const SCREENSHOT_PATH = path.join(os.tmpdir(), "playground.png");
const TEST_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 10_000;

describe("the offline GraphiQL playground, in headless Chromium", () => {
  let t: TestGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requestedUrls: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    t = await startTestGateway();
    await buildSmallOrg(t.services, t.admin.user.id);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** A fresh profile (empty local storage) on the playground, recording every request the page makes. */
  async function openPlayground(): Promise<void> {
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    requestedUrls = [];
    pageErrors = [];
    context.on("request", (request) => requestedUrls.push(request.url()));
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(t.url, { waitUntil: "load" });
    await page.locator(".graphiql-execute-button").waitFor();
  }
  afterEach(() => context?.close());

  /** Replaces an editor's text the way a paste does (typing would trip CodeMirror's bracket auto-closing). */
  async function replaceEditorText(editorSelector: string, text: string): Promise<void> {
    await page.locator(`${editorSelector} .CodeMirror`).click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(text);
  }
  const queryEditor = ".graphiql-query-editor";
  const headersEditor = ".graphiql-editor-tool .graphiql-editor:not(.hidden)";

  async function runAndWaitForResult(expectedText: string): Promise<string> {
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".result-window", { hasText: expectedText });
    await result.waitFor();
    return result.innerText();
  }

  function expectOnlyLocalRequests(): void {
    const gatewayOrigin = new URL(t.url).origin;
    const foreign = requestedUrls.filter((url) => !url.startsWith("data:") && new URL(url).origin !== gatewayOrigin);
    expect(foreign).toEqual([]);
    expect(requestedUrls.filter((url) => url.startsWith(gatewayOrigin)).length).toBeGreaterThan(0);
    expect(new URL(gatewayOrigin).hostname).toBe("127.0.0.1");
  }

  it(
    "loads from the gateway alone and fetches the schema before any token is pasted",
    async () => {
      await openPlayground();
      await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
      await page.locator(".graphiql-doc-explorer", { hasText: "Root Types" }).waitFor();
      await expect(page.locator(headersEditor).innerText()).resolves.toContain("<paste the token printed at start-up>");
      expect(pageErrors).toEqual([]);
      expectOnlyLocalRequests();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows UNAUTHENTICATED in the result pane for a query without a token",
    async () => {
      await openPlayground();
      await replaceEditorText(queryEditor, ACCOUNTS_QUERY);
      const result = await runAndWaitForResult("UNAUTHENTICATED");
      expect(result).not.toContain("Acme Facilities");
      expect(pageErrors).toEqual([]);
      expectOnlyLocalRequests();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "runs a query with the token pasted into the headers editor, and keeps the token across a reload",
    async () => {
      await openPlayground();
      await replaceEditorText(headersEditor, JSON.stringify({ Authorization: `Bearer ${t.admin.token}` }, null, 2));
      await replaceEditorText(queryEditor, ACCOUNTS_QUERY);
      await expect(runAndWaitForResult("Acme Facilities")).resolves.toContain("Beta Hotels");
      await page.screenshot({ path: SCREENSHOT_PATH });

      // GraphiQL writes the headers to local storage about 500 ms after the last edit.
      await page.waitForFunction(`(localStorage.getItem("graphiql:headers") ?? "").includes(${JSON.stringify(t.admin.token)})`);
      await page.reload({ waitUntil: "load" });
      await page.locator(".graphiql-execute-button").waitFor();
      await expect(runAndWaitForResult("Acme Facilities")).resolves.not.toContain("UNAUTHENTICATED");
      expect(pageErrors).toEqual([]);
      expectOnlyLocalRequests();
    },
    TEST_TIMEOUT_MS,
  );
});
