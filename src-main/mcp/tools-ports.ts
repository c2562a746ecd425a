// The port tools: list_listeners, who_holds_port, find_free_ports and probe, answering in the CLI's --json shapes.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { suggestFreePorts } from '../core/rules/free-ports.js';
import { probeTcp } from '../core/watches/prober.js';
import { parseWatchTarget } from '../core/watches/watch-target.js';
import { formatEndpoint } from '../domain/endpoint.js';
import type { ProcessIdentity } from '../domain/process.js';
import { probeJson } from '../service/reports/json-shapes.js';
import { listing, listingJson } from '../service/reports/listing.js';
import { whoJson, whoReport } from '../service/reports/who.js';
import { answer, type ToolDeps } from './answers.js';
import type { McpMachine } from './machine.js';
import {
  findFreePortsInput,
  listListenersInput,
  probeInput,
  whoHoldsPortInput,
} from './schemas.js';

/** The CLI's defaults: 1 s per connection attempt, as `porthole who` and `probe` wait. */
const PROBE_TIMEOUT_MS = 1_000;

const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

/** Who each holder PID is, with the start token stop_process asks for (only where it exists). */
async function holderProcesses(machine: McpMachine, pids: number[]): Promise<ProcessIdentity[]> {
  const distinct = [...new Set(pids)].sort((a, b) => a - b);
  return Promise.all(distinct.map((pid) => machine.ask('porthole:process:inspect', { pid })));
}

export function registerPortTools(
  server: McpServer,
  { machine, allowKill, runner }: ToolDeps,
): void {
  server.registerTool(
    'list_listeners',
    {
      title: 'List listening ports',
      description:
        'Every listening socket on this machine with its process, user and exposure (with all: connections too), plus the port conflicts among them. Same JSON as `porthole list --json`.',
      inputSchema: listListenersInput,
      annotations: READ_ONLY,
    },
    ({ all }) =>
      runner.run(async () => {
        const snapshot = await machine.snapshot();
        const { watches } = machine.settings();
        return answer(listingJson(snapshot, listing(snapshot, watches, all === true)));
      }),
  );

  server.registerTool(
    'who_holds_port',
    {
      title: 'Who holds a port',
      description: `Which process (PID, name, command line) listens on a local port on each address, who answers a connection to localhost:PORT over IPv4 and IPv6, and the conflicts on that port. Same JSON as \`porthole who PORT --json\`${allowKill ? '; plus processes: each holder PID with the startToken stop_process needs, and whether it may be stopped' : ''}.`,
      inputSchema: whoHoldsPortInput,
      annotations: READ_ONLY,
    },
    ({ port }) =>
      runner.run(async () => {
        const report = await whoReport(
          () => machine.snapshot(),
          machine.settings().watches,
          port,
          PROBE_TIMEOUT_MS,
        );
        const body = whoJson(report);
        if (!allowKill) return answer(body);
        const pids = report.holders.flatMap((s) => (s.pid === null ? [] : [s.pid]));
        return answer({ ...body, processes: await holderProcesses(machine, pids) });
      }),
  );

  server.registerTool(
    'find_free_ports',
    {
      title: 'Find free ports',
      description:
        'Up to count TCP ports near a wanted one that no socket uses and that bind on 127.0.0.1, ::1, 0.0.0.0 and ::. Same JSON as `porthole free --json`: {ports}.',
      inputSchema: findFreePortsInput,
      annotations: READ_ONLY,
    },
    ({ near, count }) =>
      runner.run(async () => {
        // The bind test decides on its own; the snapshot only lets it skip ports in use sooner.
        const snapshot = await machine.snapshotOrNull();
        const ports = await suggestFreePorts({ near: near ?? 3000, count: count ?? 5, snapshot });
        return answer({ ports });
      }),
  );

  server.registerTool(
    'probe',
    {
      title: 'Probe host:port',
      description:
        'One TCP connection to host:port: open, or why not (ECONNREFUSED, timeout, ENOTFOUND…), with the time taken. Same JSON as `porthole probe HOST:PORT --json`: {address, family, open, ms, error}.',
      inputSchema: probeInput,
      annotations: { ...READ_ONLY, openWorldHint: true },
    },
    ({ host, port }) =>
      runner.run(async () => {
        // Read as the CLI reads `host:port`, so a host is checked the same way ([::1] or ::1 alike).
        const bare = host.replace(/^\[(.*)\]$/, '$1');
        const target = parseWatchTarget(formatEndpoint(bare, port));
        const result = await probeTcp(target.host ?? 'localhost', target.port, PROBE_TIMEOUT_MS);
        return answer(probeJson(result));
      }),
  );
}
