import { chromiumExecutable } from "./browser";

/** Unpacks the packaged Chromium before any test file runs, so parallel browser tests never race to unpack it. */
export default async function unpackChromium(): Promise<void> {
  await chromiumExecutable();
}
