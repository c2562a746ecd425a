// What `porthole who PORT` and the MCP server's who_holds_port report: the holders, their conflicts, who answers localhost.
import { findConflicts } from '../../core/rules/conflicts.js';
import { attributeAnswers, probeLocalhost } from '../../core/watches/prober.js';
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
  /** The snapshot the holders, conflicts and answers come from. */
  snapshot: Snapshot;
}

/**
 * Who listens on `port` in the snapshot `collect` takes, and who answers a connection to each
 * loopback address (`timeoutMs` each). The probes start first: looking up localhost and connecting
 * wait on the network while the collector reads the kernel's tables.
 */
export async function whoReport(
  collect: () => Promise<Snapshot>,
  watches: readonly WatchSpec[],
  port: number,
  timeoutMs?: number,
): Promise<WhoReport> {
  const probing = probeLocalhost(port, { timeoutMs });
  const [snapshot, probes] = await Promise.all([collect(), probing]);
  const holders = sortListing(
    snapshot.sockets.filter((s) => s.localPort === port && isListener(s)),
  );
  const conflicts = findConflicts(snapshot, watches).filter((c) => c.port === port);
  const answers = attributeAnswers(probes, snapshot, port);
  return { port, holders, conflicts, answers, snapshot };
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
