// Runs a long job in the window's idle moments, a slice at a time, so it never delays a keystroke.

// An idle period can last 50 ms; a keystroke arriving during a slice waits for it, so keep
// slices short.
const SLICE_MS = 5;

/**
 * Calls `slice` in idle callbacks until it returns true (done); `hasTime` tells the slice when
 * to stop. Returns a function that cancels the rest. Does nothing without idle callbacks (jsdom):
 * the job is only ever a head start on work done on demand anyway.
 */
export function whileIdle(slice: (hasTime: () => boolean) => boolean): () => void {
  if (typeof requestIdleCallback !== 'function') return () => undefined;
  let handle = requestIdleCallback(function run(deadline) {
    const end = performance.now() + SLICE_MS;
    const hasTime = () => deadline.timeRemaining() > 1 && performance.now() < end;
    if (!slice(hasTime)) handle = requestIdleCallback(run);
  });
  return () => cancelIdleCallback(handle);
}
