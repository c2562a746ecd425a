// Starts the bench's long-lived child processes and guarantees every one is killed at the end,
// on SIGINT/SIGTERM and on uncaught errors.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout, clearTimeout } from 'node:timers';

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/**
 * Spawns `node script arg` through `sh -c 'ulimit -n ...; exec node ...'`, so a child holding
 * thousands of sockets is not capped by this process's fd limit; `exec` keeps the PID the same.
 * @param {string} script
 * @param {string} arg
 */
export function spawnNode(script, arg) {
  const shell = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';
  const child = spawn('sh', ['-c', shell, process.execPath, script, arg], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const lines = createInterface({
    input: /** @type {import('node:stream').Readable} */ (child.stdout),
  });
  /** @type {((line: string) => void)[]} */
  const waiters = [];
  /** @type {((line: string) => void)[]} */
  const subscribers = [];
  lines.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    for (const fn of subscribers) fn(line);
  });
  return {
    child,
    /** @param {(line: string) => void} fn Called with every line the child prints. */
    onLine(fn) {
      subscribers.push(fn);
    },
    /** Next line the child prints, as parsed JSON; rejects after timeoutMs or if the child exits. */
    nextMessage(timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${script}: no answer in ${timeoutMs} ms`)),
          timeoutMs,
        );
        const onExit = () => reject(new Error(`${script} exited (code ${child.exitCode})`));
        child.once('exit', onExit);
        waiters.push((line) => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(JSON.parse(line));
        });
      });
    },
    /** @param {unknown} message */
    send(message) {
      child.stdin?.write(JSON.stringify(message) + '\n');
    },
    stop: () => stopChild(child),
  };
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running. */
export async function stopAll() {
  await Promise.all([...live].map(stopChild));
}

/** Kills children synchronously (last resort on process exit, when awaiting is no longer possible). */
function killAllNow() {
  for (const child of live) child.kill('SIGKILL');
}

/** Installs handlers so no child outlives the bench, whatever way it ends. */
export function installCleanup() {
  process.on('exit', killAllNow);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping children`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    void stopAll().finally(() => process.exit(1));
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    void stopAll().finally(() => process.exit(1));
  });
}
