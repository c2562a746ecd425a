// Drives Chromium against browser mode's server: first paint of the Listeners table (opening the
// Listeners view, and a cold window load), per-keystroke filter time.
/* global window, document, MutationObserver, requestAnimationFrame -- these functions run in the page */
import { armKeystrokeProbe, firstRowProbe, lastKeystroke } from './probes.js';

/** @typedef {import('./probes.js').BenchWindow} BenchWindow */

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * Init script: as soon as the sidebar exists, opens the Listeners view, as a user's first click would
 * (the window opens on Overview). Records when it clicked.
 */
function openListenersProbe() {
  const w = /** @type {BenchWindow} */ (window);
  const observer = new MutationObserver(() => {
    const items = document.querySelectorAll('nav a, nav button');
    const target = [...items].find((el) => /^\s*Listeners\b/.test(el.textContent ?? ''));
    if (!target) return;
    observer.disconnect();
    // firstRowProbe, installed before this script, holds the marks; without it nothing is timed.
    if (!w.__bench) throw new Error('the first-row probe is not installed in this page');
    w.__bench.navClickedAt = performance.now();
    // A real click focuses the button first; without focus in the nav the window moves focus to
    // the view (a forced layout a user's click does not cause).
    /** @type {HTMLElement} */ (target).focus();
    /** @type {HTMLElement} */ (target).click();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * One cold load of the window: navigation start → first Listeners row painted.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url  the address `porthole serve` prints (with its token)
 */
export async function measureFirstPaint(context, url) {
  const page = await context.newPage();
  try {
    await page.addInitScript(firstRowProbe, { grid: 'Listeners' });
    await page.addInitScript(openListenersProbe);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => /** @type {BenchWindow} */ (window).__bench?.firstRowPaintedAt != null,
      null,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    return await page.evaluate(() => {
      const b = /** @type {BenchWindow} */ (window).__bench;
      if (!b) throw new Error('the first-row probe did not run in this page');
      const nav = /** @type {PerformanceNavigationTiming} */ (
        performance.getEntriesByType('navigation')[0]
      );
      const resources = /** @type {PerformanceResourceTiming[]} */ (
        performance.getEntriesByType('resource')
      );
      const state = resources.find((e) => new URL(e.name).pathname === '/api/state');
      const script = resources.find((e) => /\/assets\/.*\.js$/.test(e.name));
      return {
        // Both are set by now: the caller waited for the painted mark, which follows the other.
        firstRowPainted: b.firstRowPaintedAt ?? NaN,
        documentReceived: nav?.responseEnd ?? null,
        scriptReceived: script ? script.responseEnd : null,
        stateRequested: state ? state.startTime : null,
        firstRowInDom: b.firstRowAt ?? NaN,
        navClicked: b.navClickedAt ?? null,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        stateResponseEnd: state ? state.responseEnd : null,
        stateBytes: state ? state.decodedBodySize : null,
      };
    });
  } finally {
    await page.close();
  }
}

/** In the page: clicks the Listeners nav link; resolves with click → first row in the DOM / painted. */
function switchToListeners() {
  return new Promise((resolve) => {
    const target = /** @type {HTMLElement | undefined} */ (
      [...document.querySelectorAll('nav a, nav button')].find((el) =>
        /^\s*Listeners\b/.test(el.textContent ?? ''),
      )
    );
    if (!target) throw new Error('no Listeners entry in the navigation');
    const selector = '[role="grid"][aria-label="Listeners"] [role="row"][data-index]';
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      const inDom = performance.now() - t0;
      // rAF, then a message task: runs once the frame showing the row has been painted.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ inDom, painted: performance.now() - t0 });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
    target.focus();
    target.click();
  });
}

/**
 * Opening the Listeners view in a loaded window (the state is in, Overview is showing):
 * click → first row painted. The window is a fresh page each time, so nothing is pre-rendered.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url  the address `porthole serve` prints (with its token)
 * @returns {Promise<{ inDom: number, painted: number }>}
 */
export async function measureViewSwitch(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    // The Listening card shows a count once the state is in; then let the start-up work settle.
    await page
      .getByRole('list', { name: 'Counts' })
      .getByRole('button', { name: /^\d[\d,]*\s+Listening$/ })
      .waitFor();
    await page.waitForTimeout(500);
    return /** @type {{ inDom: number, painted: number }} */ (
      await page.evaluate(switchToListeners)
    );
  } finally {
    await page.close();
  }
}

/**
 * Types `text` into the Listeners filter one key at a time; returns one timing per keystroke.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url  the address `porthole serve` prints (with its token)
 * @param {string} text
 * @param {number} rounds
 */
export async function measureFilter(context, url, text, rounds) {
  const page = await context.newPage();
  try {
    await page.addInitScript(firstRowProbe, { grid: 'Listeners' });
    await page.addInitScript(openListenersProbe);
    await page.goto(url);
    await page.waitForFunction(
      () => /** @type {BenchWindow} */ (window).__bench?.firstRowPaintedAt != null,
    );
    const box = page.getByRole('searchbox', { name: 'Filter' });
    await box.waitFor();
    await box.evaluate((el) => el.setAttribute('data-bench-filter', ''));
    await page.evaluate(armKeystrokeProbe, '[data-bench-filter]');
    const counts = [];
    const keys = [];
    // The "N of M listeners" count is the part of the box's description (aria-describedby) with " of ".
    const countText = async () => {
      const ids = ((await box.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      for (const id of ids) {
        const text = (await page.locator(`[id="${id}"]`).textContent())
          ?.replace(/\s+/g, ' ')
          .trim();
        if (text && / of /.test(text)) return text;
      }
      return '';
    };
    for (let round = 0; round < rounds; round += 1) {
      await box.fill('');
      await page.waitForTimeout(200);
      await box.focus();
      for (const ch of text) {
        await page.keyboard.press(ch);
        keys.push(
          /** @type {{raf: number, painted: number, task: number, frames: number}} */ (
            await page.evaluate(lastKeystroke)
          ),
        );
        if (round === 0) counts.push(await countText());
      }
    }
    return { keys, counts };
  } finally {
    await page.close();
  }
}
