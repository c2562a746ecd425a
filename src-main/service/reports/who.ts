// What `porthole who PORT` and the MCP server's who_holds_port report: the holders, their conflicts, who answers localhost.
import { findConflicts } from '../../core/rules/conflicts.js';
import { whoAnswers } from '../../core/watches/prober.js';
import {
  isListener,
  type Answer,
  type Conflict,
  type PortSocket,
  type Snapshot,
  type WatchSpec,
} from '../../domain/model.js';
import { answerJson, conflictJson, socketJson } from './json-shapes.js';
import { sortListing } from './rows.js';

export interface WhoReport {
  port: number;
  holders: PortSocket[];
  conflicts: Conflict[];
  answers: Answer[];
}

/** Who listens on `port`, and who answers a connection to each loopback address (`timeoutMs` each). */
export async function whoReport(
  snapshot: Snapshot,
  watches: readonly WatchSpec[],
  port: number,
  timeoutMs?: number,
): Promise<WhoReport> {
  const holders = sortListing(
    snapshot.sockets.filter((s) => s.localPort === port && isListener(s)),
  );
  const conflicts = findConflicts(snapshot, watches).filter((c) => c.port === port);
  const answers = await whoAnswers(port, { snapshot, timeoutMs });
  return { port, holders, conflicts, answers };
}

/** `who --json`: {port, sockets, conflicts, answers}. */
export function whoJson(r: WhoReport) {
  return {
    port: r.port,
    sockets: r.holders.map(socketJson),
    conflicts: r.conflicts.map(conflictJson),
    answers: r.answers.map(answerJson),
  };
}
