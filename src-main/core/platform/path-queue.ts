// Runs file operations on one path one at a time in this process, even across object instances.

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued under `key` has settled (whatever their outcome). */
export function serializeByPath<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
