// A tool's answer (the JSON both as text and as structured content), a refusal in words, and the runner of calls.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InputError, describeError } from '../core/errors.js';
import { PortholeError } from '../service/index.js';
import type { McpMachine } from './machine.js';

/** What every tool is given: the machine to ask, whether stop is allowed, the runner of its calls. */
export interface ToolDeps {
  machine: McpMachine;
  allowKill: boolean;
  runner: ToolRunner;
}

/** The same shape the CLI's `--json` prints, as structured content and as its JSON text. */
export function answer(value: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(value, null, 2) }],
    structuredContent: value,
  };
}

/** An answer the agent must not read as success: the words first, the record (if any) beside them. */
export function refusal(message: string, value?: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: message }],
    ...(value ? { structuredContent: value } : {}),
    isError: true,
  };
}

/**
 * Runs the tool calls: the user's bad input and the service's refusals come back as error results
 * in words, anything else too (logged to stderr), so no call can stop the server; and it knows
 * which calls are still running, so a client that closes stdin still gets its answers.
 */
export class ToolRunner {
  readonly log: (line: string) => void;
  readonly #running = new Set<Promise<unknown>>();

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  run(call: () => Promise<CallToolResult>): Promise<CallToolResult> {
    const running = this.#inWords(call);
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running));
    return running;
  }

  /** Resolves once every call received so far has answered and its answer has been sent. */
  async idle(): Promise<void> {
    for (;;) {
      // A request read reaches its tool, and an answer its transport, a few promise steps later.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#running.size === 0) return;
      await Promise.allSettled([...this.#running]);
    }
  }

  async #inWords(call: () => Promise<CallToolResult>): Promise<CallToolResult> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof InputError || error instanceof PortholeError) {
        return refusal(error.message);
      }
      this.log(`unexpected error: ${describeError(error)}`);
      return refusal(`failed: ${describeError(error)}`);
    }
  }
}
