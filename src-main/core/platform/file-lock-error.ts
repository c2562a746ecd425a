// The error of file-lock.ts, apart from it: code that only tells this error apart (settings' busy
// refusal) does not load proper-lockfile with it.

/** The lock could not be taken in time, or was lost (taken over) while the task ran. */
export class FileLockError extends Error {
  override readonly name = 'FileLockError';
}
