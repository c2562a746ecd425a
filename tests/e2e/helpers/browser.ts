// The end-to-end tests' browser: the shared headless Chromium, failing fast on a missing element.
import { launchChromium, type HeadlessChromium } from '../../../scripts/headless-chromium.mjs';

export type Browser = HeadlessChromium;

export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const browser = await launchChromium(options);
  // A missing element fails in seconds with Playwright's message, not at the test's timeout.
  browser.context.setDefaultTimeout(15_000);
  return browser;
}
