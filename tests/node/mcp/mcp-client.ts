// Starts the built `porthole mcp` under the SDK's own stdio client, with its own config directory.
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { builtFile, PROJECT_ROOT } from '../../helpers/built-output.js';

export const BIN = path.join(PROJECT_ROOT, 'bin', 'porthole.cjs');

export interface McpSession {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  /** A tool call's result (an error result included: those are answers, not exceptions). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

const open = new Set<McpSession>();

/** The environment of the test runner (strings only) with a config directory of the test's own. */
export function mcpEnv(configDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, PORTHOLE_CONFIG_DIR: configDir, NO_COLOR: '1' };
}

/** `command`: the program and its first arguments (the repository's bin by default; an installed
 *  `porthole` in the packaging test). */
export async function startMcp(
  configDir: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
  command: [string, ...string[]] = [process.execPath, BIN],
): Promise<McpSession> {
  builtFile('cli/main.cjs');
  const [program, ...first] = command;
  const transport = new StdioClientTransport({
    command: program,
    args: [...first, 'mcp', ...args],
    cwd: PROJECT_ROOT,
    env: { ...mcpEnv(configDir), ...extraEnv },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'porthole-tests', version: '1.0.0' });
  await client.connect(transport);
  const session: McpSession = {
    client,
    stderr: () => stderr,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    async close() {
      open.delete(session);
      await client.close();
    },
  };
  open.add(session);
  return session;
}

/** Closes every session still open (afterEach): the client's close ends the server process. */
export async function closeAllMcp(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}
