// Whether a PID still runs, by signal 0: the kernel answers without the process being touched.

/** True while it runs (EPERM: it runs as someone else), false once gone (ESRCH), null when unknowable. */
export function pidAlive(pid: number): boolean | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ESRCH' ? false : code === 'EPERM' ? true : null;
  }
}
