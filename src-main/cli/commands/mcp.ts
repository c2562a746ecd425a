// `porthole mcp`: the Model Context Protocol server over stdio, for coding agents (read-only unless --allow-kill).
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { packageVersion } from '../version.js';

const EXAMPLES = `
Speaks MCP over stdin/stdout: start it from an MCP client (Claude Desktop, VS Code, an agent), not
by hand. Tools: list_listeners, who_holds_port, find_free_ports, probe, watch_status, explain, and
with --allow-kill stop_process. Each answers in the same JSON as the matching command's --json.
stdout carries protocol messages only; logs go to stderr. It stops when the client closes stdin.

Client configuration (e.g. Claude Desktop's claude_desktop_config.json):
  { "mcpServers": { "porthole": { "command": "porthole", "args": ["mcp"] } } }

Examples:
  $ porthole mcp
  $ porthole mcp --allow-kill     let the agent stop a process behind a port`;

export function mcpCommand(ctx: CliContext): Command {
  return new Command('mcp')
    .description('serve the Model Context Protocol over stdio, for coding agents')
    .option('--allow-kill', 'add the stop_process tool (off by default: read-only)')
    .addHelpText('after', EXAMPLES)
    .action(async (options: { allowKill?: boolean }) => {
      const log = (line: string): void => void ctx.stderr.write(`porthole: ${line}\n`);
      // Whatever a library prints must not corrupt the protocol on stdout.
      console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
      const interrupted = ctx.interrupted();
      // Loaded here, not at start-up: the SDK is needed by this command only.
      const { serveMcp } = await import('../../mcp/server.js');
      await serveMcp({
        version: packageVersion(),
        allowKill: options.allowKill === true,
        input: process.stdin,
        output: process.stdout,
        log,
        interrupted,
      });
    });
}
