// The tools about the machine as a whole: watch_status (the saved watches, checked now) and explain.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { statusJson, statusReport } from '../service/reports/status.js';
import { answer, type ToolDeps } from './answers.js';
import { explainInput } from './schemas.js';

export function registerStateTools(server: McpServer, { machine, runner }: ToolDeps): void {
  server.registerTool(
    'watch_status',
    {
      title: 'Watched ports and problems',
      description:
        "Each saved watch (the Porthole app's watched ports) checked once now: up or down and who holds it, plus the one-line status (listening ports, problems by severity, watches down). Same JSON as `porthole status --json`.",
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    () =>
      runner.run(async () => {
        const snapshot = await machine.snapshot();
        return answer(statusJson(await statusReport(snapshot, machine.settings())));
      }),
  );

  server.registerTool(
    'explain',
    {
      title: 'Explain a connection or bind error',
      description:
        "Why a connection or bind failed and what to do: give the error line as printed (e.g. 'connect ECONNREFUSED 127.0.0.1:3000', 'listen EADDRINUSE :::3000'), a URL, host:port or a port. Same JSON as `porthole explain --json`: {input, target, situation, verdict, findings}.",
      inputSchema: explainInput,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ text }) =>
      runner.run(async () => {
        // The service explains over the monitor's snapshot: take it now, as the CLI does.
        await machine.snapshotOrNull();
        const explanation = await machine.ask('porthole:ports:explain', { text });
        return answer({ ...explanation });
      }),
  );
}
