// What the window learns about a process it may stop, and how a stop went.

export interface ProcessIdentity {
  pid: number;
  process: string | null;
  command: string | null;
  user: string | null;
  /** Opaque start-time token: a kill must present it, so a reused PID is never signalled. */
  startToken: string | null;
  killable: boolean;
  /** Why not, in plain words, when killable is false. */
  reason: string | null;
}

export interface KillResult {
  ok: boolean;
  signal: 'SIGTERM' | 'SIGKILL' | null;
  /** Plain words: "node (PID 4121) stopped", "permission denied: run as root"... */
  message: string;
}
