// The contract every `explain` check follows (issue 10): one small module per check, each given the
// parsed input, one snapshot and seams for everything it reads from the machine, each answering
// with findings in plain words. The runner (explain.ts) orders them and picks the verdict.
import type { ExplainInput } from '../../domain/explain-input.js';
import type { HistoryEntry } from '../../domain/history-entry.js';
import type { Clock, ProbeResult, Protocol, Snapshot } from '../../domain/model.js';

export type FindingStatus = 'ok' | 'problem' | 'info' | 'skipped';

/** One line of an explanation, as `explain --json` shows it (field names exactly these). */
export interface Finding {
  /** The check's name: `listening`, `family`, `interface`, `holder`, `privileged`, `ephemeral`,
   *  `hosts`, `firewall`, `remote`, `container`, `known-service`. */
  check: string;
  status: FindingStatus;
  /** One or two sentences, naming processes as `node (PID 4121)`. For `skipped`: why. */
  message: string;
  /** What to do, as one line (a command where one fits); null when nothing is to be done. */
  fix: string | null;
  /** The processes the finding is about; empty when none. */
  pids: number[];
}

/** What a tool printed; null when the tool is missing or could not run. */
export interface ToolOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything a check may read, as seams: tests give recorded outputs, the CLI the real machine. */
export interface ExplainContext {
  input: ExplainInput;
  /** One snapshot of this machine's sockets (containers included); null when it could not be taken. */
  snapshot: Snapshot | null;
  platform: NodeJS.Platform;
  clock: Clock;
  /** A file's text, or null when it is missing or unreadable (`/proc/sys/…`, `/etc/hosts`). */
  readFile(path: string): Promise<string | null>;
  /** Runs a program (never through a shell; arguments are never user text) with a timeout. */
  run(command: string, args: readonly string[], timeoutMs: number): Promise<ToolOutput | null>;
  /** Every address a name resolves to, in the order the system gives them (dns.lookup all). */
  resolve(host: string): Promise<{ address: string; family: 4 | 6 }[]>;
  /** One TCP connect attempt. */
  probe(host: string, port: number, timeoutMs: number): Promise<ProbeResult>;
  /** This port's history entries, oldest first (core/history); empty when there is no history. */
  history?(port: number): Promise<HistoryEntry[]>;
  /** Whether a process with this PID still runs; null when that cannot be told. */
  alive?(pid: number): boolean | null;
  /** Up to `count` free ports near `port` (core/rules/free-ports.ts: they really bind). */
  freePorts?(port: number, protocol: Protocol, count: number): Promise<number[]>;
}

export interface ExplainCheck {
  name: string;
  /** Findings (none when the check has nothing to say about this input). Never throws: a reader
   *  that fails gives a `skipped` finding with the reason. */
  run(ctx: ExplainContext): Promise<Finding[]>;
}
