import sparticuzChromium from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

// A headless Chromium carried inside an npm package (@sparticuz/chromium): `npm ci` is all a fresh machine needs,
// no apt step and no browser download. CHROMIUM_PATH points at another build (a desktop Chromium, say) instead.
// Not the package's own argument list: it runs one process (a closed context would end the browser) and turns off
// web security (CORS tests would pass for the wrong reason).
const ARGS = [
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Unpacks the packaged browser once (into the OS temp folder) and answers its path; repeated calls reuse it. */
export async function chromiumExecutable(): Promise<string> {
  return process.env.CHROMIUM_PATH ?? (await sparticuzChromium.executablePath());
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromiumExecutable();
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
