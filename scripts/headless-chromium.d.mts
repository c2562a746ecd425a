// Types for headless-chromium.mjs, which the render bench and the TypeScript end-to-end tests share.
import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM_PATH: string;

export interface HeadlessChromium {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

export declare function launchChromium(options?: {
  viewport?: { width: number; height: number };
}): Promise<HeadlessChromium>;
