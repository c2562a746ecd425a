// Launches Debian's headless Chromium through playwright-core, one fresh profile per launch: the
// end-to-end tests and the render bench share it, so both measure the same browser the same way.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PORTHOLE_CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps reaching for outside hosts (and gets refused here).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A persistent context, because `chromium.launch()` refuses `--user-data-dir`.
 * @param {{ viewport?: { width: number, height: number } }} [options]
 */
export async function launchChromium(options = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'porthole-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  return {
    context,
    /** Closes the browser and deletes its profile. */
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
