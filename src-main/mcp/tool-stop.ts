// stop_process, registered only with --allow-kill: the window's kill (service handler) for a PID behind a port.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { answer, refusal, type ToolDeps } from './answers.js';
import { stopProcessInput } from './schemas.js';

export function registerStopTool(server: McpServer, { machine, runner }: ToolDeps): void {
  server.registerTool(
    'stop_process',
    {
      title: 'Stop the process behind a port',
      description:
        "Asks a process that holds a port to stop (SIGTERM), as the Porthole window's Stop does, with the same refusals: not init, Porthole or its parent, a protected process, another user's process, a container engine's forwarder, a thread; and only when startToken still matches (take pid and startToken from who_holds_port's processes). A PID that holds no port is refused.",
      inputSchema: stopProcessInput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    },
    ({ pid, startToken }) =>
      runner.run(async () => {
        // The window offers Stop only on a socket's row: an agent gets no wider reach than that.
        const snapshot = await machine.snapshot();
        const holds = snapshot.sockets.some((s) => s.pid === pid || s.pids?.includes(pid) === true);
        if (!holds) {
          return refusal(
            `not stopped: PID ${pid} holds no port (Porthole stops only a process behind a port; who_holds_port names them)`,
          );
        }
        const result = await machine.ask('porthole:process:kill', {
          pid,
          startToken,
          force: false,
        });
        return result.ok ? answer({ ...result }) : refusal(result.message, { ...result });
      }),
  );
}
