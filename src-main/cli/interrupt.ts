// Turns SIGINT/SIGTERM into a promise, so long-running commands stop cleanly and return 0.

/** Resolves on the first SIGINT or SIGTERM; handlers are installed only once a command asks. */
export function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
