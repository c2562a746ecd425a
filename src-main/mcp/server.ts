// `porthole mcp`'s server: the tools over stdio, read-only unless --allow-kill; logs to stderr only.
import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ToolRunner, type ToolDeps } from './answers.js';
import { McpMachine } from './machine.js';
import { registerStopTool } from './tool-stop.js';
import { registerPortTools } from './tools-ports.js';
import { registerStateTools } from './tools-state.js';

const INSTRUCTIONS = `Porthole answers who holds which local port, why a connection or bind failed, which ports are free, and whether watched ports are up. Before starting a dev server, find_free_ports; on EADDRINUSE or ECONNREFUSED, explain the error text; who_holds_port names the PID behind a port.`;

export function createMcpServer(version: string, deps: ToolDeps): McpServer {
  const server = new McpServer(
    { name: 'porthole', title: 'Porthole', version },
    { instructions: INSTRUCTIONS },
  );
  registerPortTools(server, deps);
  registerStateTools(server, deps);
  if (deps.allowKill) registerStopTool(server, deps);
  return server;
}

export interface ServeMcpOptions {
  version: string;
  allowKill: boolean;
  input: Readable;
  output: Writable;
  /** One line to stderr; nothing else may reach `output` but protocol messages. */
  log: (line: string) => void;
  /** Resolves on SIGINT/SIGTERM. */
  interrupted: Promise<void>;
}

/** Serves until the client closes stdin or a signal comes; then closes the service cleanly. */
export async function serveMcp(options: ServeMcpOptions): Promise<void> {
  const { log } = options;
  const machine = await McpMachine.create({ allowKill: options.allowKill, log });
  const runner = new ToolRunner(log);
  const server = createMcpServer(options.version, {
    machine,
    allowKill: options.allowKill,
    runner,
  });
  const transport = new StdioServerTransport(options.input, options.output);
  const ended = new Promise<void>((resolve) => {
    options.input.once('end', resolve);
    options.input.once('close', resolve);
    transport.onclose = resolve;
  });
  transport.onerror = (error) => log(`protocol error: ${error.message}`);
  try {
    await server.connect(transport);
    const kill = options.allowKill ? 'on (stop_process)' : 'off (--allow-kill turns it on)';
    log(`MCP server on stdio; stopping processes is ${kill}`);
    await Promise.race([ended.then(() => runner.idle()), options.interrupted]);
  } finally {
    await server.close();
    await machine.close();
  }
}
