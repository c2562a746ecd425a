// In-page probes for the render bench; Playwright sends these functions' source into the page.
/* global window, document, MutationObserver, requestAnimationFrame -- these functions run in the page */

/**
 * What the probes keep on `window` for the bench to read back (absent until a probe installs it).
 * @typedef {{ firstRowAt: number | null, firstRowPaintedAt: number | null, navClickedAt?: number }} FirstRowMarks
 * @typedef {{ raf: number, painted: number | null }} KeyFrame  one frame of a keystroke's loop
 * @typedef {{ t0: number, taskEnd: number | null, lastMutation: number | null, frames: KeyFrame[],
 *   done: { raf: number, painted: number } | null }} Keystroke  times since the page's time origin
 * @typedef {Window & { __bench?: FirstRowMarks, __keys?: Keystroke[] }} BenchWindow
 */

/**
 * Init script: records when the first data row of the named grid exists and when the frame showing
 * it has been painted (rAF, then a message task, which runs after that frame's paint).
 * @param {{ grid: string }} arg  accessible name of the grid ("Listeners")
 */
export function firstRowProbe({ grid }) {
  const w = /** @type {BenchWindow} */ (window);
  /** @type {FirstRowMarks} */
  const marks = { firstRowAt: null, firstRowPaintedAt: null };
  w.__bench = marks;
  const selector = `[role="grid"][aria-label="${grid}"] [role="row"][data-index]`;
  const observer = new MutationObserver(() => {
    if (marks.firstRowAt !== null || !document.querySelector(selector)) return;
    observer.disconnect();
    marks.firstRowAt = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks.firstRowPaintedAt = performance.now();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Arms the keystroke probe on an input: each keydown starts a frame loop that ends once two whole
 * frames passed without DOM mutations; the result is keydown → the first frame after the last
 * mutation (its rAF time and its after-paint time), plus keydown → the framework's update flushed.
 * @param {string} selector  CSS selector of the filter input
 */
export function armKeystrokeProbe(selector) {
  const w = /** @type {BenchWindow} */ (window);
  const input = document.querySelector(selector);
  if (!input) throw new Error(`no element matches ${selector}`);
  /** @type {Keystroke[]} */
  const keys = [];
  w.__keys = keys;
  /** @type {Keystroke | null} */
  let current = null;
  new MutationObserver(() => {
    if (current) current.lastMutation = performance.now();
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });

  const afterPaint = (/** @type {(t: number) => void} */ done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  };

  input.addEventListener(
    'keydown',
    () => {
      /** @type {Keystroke} */
      const k = {
        t0: performance.now(),
        taskEnd: null,
        lastMutation: null,
        frames: [],
        done: null,
      };
      current = k;
      keys.push(k);
      let quiet = 0;
      /** @type {number | null} */
      let seenAt = -1;
      const frame = () =>
        requestAnimationFrame(() => {
          const raf = performance.now();
          /** @type {KeyFrame} */
          const entry = { raf, painted: null };
          k.frames.push(entry);
          afterPaint((t) => {
            entry.painted = t;
            quiet = k.lastMutation === seenAt ? quiet + 1 : 0;
            seenAt = k.lastMutation;
            if (quiet >= 2 || k.frames.length > 120) {
              // The settled frame is the first one whose rAF came after the last mutation.
              const last = k.lastMutation ?? k.t0;
              const settled = k.frames.find((f) => f.raf >= last) ?? entry;
              // Every frame up to this one has been painted already, so painted is set.
              k.done = { raf: settled.raf - k.t0, painted: (settled.painted ?? NaN) - k.t0 };
              if (current === k) current = null;
            } else frame();
          });
        });
      frame();
    },
    true,
  );
  // Svelte flushes its updates in a microtask queued by its own input handler (which runs before
  // this one); a few microtask hops later that flush, and the DOM work it did, are over.
  input.addEventListener('input', () => {
    const k = current;
    if (!k) return;
    let hops = 5;
    const hop = () => {
      if (--hops > 0) queueMicrotask(hop);
      else k.taskEnd ??= performance.now() - k.t0;
    };
    queueMicrotask(hop);
  });
}

/**
 * Resolves with the newest keystroke's timings once its frame loop has settled.
 * @returns {Promise<{ raf: number, painted: number, task: number | null, frames: number }>}
 */
export function lastKeystroke() {
  const keys = /** @type {BenchWindow} */ (window).__keys;
  if (!keys) throw new Error('the keystroke probe is not armed in this page');
  return new Promise((resolve) => {
    const poll = () => {
      const k = keys[keys.length - 1];
      if (k?.done) resolve({ ...k.done, task: k.taskEnd, frames: k.frames.length });
      else setTimeout(poll, 5);
    };
    poll();
  });
}
