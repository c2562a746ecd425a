// The tools' input fields as zod schemas, with their bounds said in words an agent can act on.
import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../domain/explain-input.js';

/** A TCP port, 1-65535. */
export function portField(what: string) {
  const words = `${what} must be a whole number from 1 to 65535`;
  return z.int({ error: words }).min(1, { error: words }).max(65535, { error: words });
}

export const listListenersInput = {
  all: z
    .boolean({ error: 'all must be true or false' })
    .optional()
    .describe('also list connections, not only listening sockets (default false)'),
};

export const whoHoldsPortInput = {
  port: portField('port').describe('the local port, 1-65535'),
};

export const findFreePortsInput = {
  near: portField('near').optional().describe('start looking here (default 3000)'),
  count: z
    .int({ error: 'count must be a whole number from 1 to 50' })
    .min(1, { error: 'count must be a whole number from 1 to 50' })
    .max(50, { error: 'count must be a whole number from 1 to 50' })
    .optional()
    .describe('how many ports to suggest, 1-50 (default 5)'),
};

export const probeInput = {
  host: z
    .string({ error: 'host must be text: a name or an IP address' })
    .trim()
    .min(1, { error: 'host is empty: give a name or an IP address, e.g. 127.0.0.1' })
    .max(253, { error: 'host is longer than a DNS name may be (253 characters)' })
    .describe('a name or an IP address: localhost, 127.0.0.1, ::1, db.internal'),
  port: portField('port').describe('the TCP port, 1-65535'),
};

export const explainInput = {
  text: z
    .string({ error: 'text must be text: a pasted error line, a URL, host:port or a port' })
    .trim()
    .min(1, { error: 'text is empty: paste the error line, a URL, host:port or a port' })
    .max(MAX_INPUT_CHARS, { error: `text is longer than ${MAX_INPUT_CHARS} characters` })
    .describe(
      "a pasted error line (e.g. 'connect ECONNREFUSED 127.0.0.1:3000'), a URL, host:port or a port",
    ),
};

const PID_WORDS = 'pid must be a whole number from 1 to 2147483647';

export const stopProcessInput = {
  pid: z
    .int({ error: PID_WORDS })
    .min(1, { error: PID_WORDS })
    .max(2 ** 31 - 1, { error: PID_WORDS })
    .describe('the process to stop; it must hold a port'),
  startToken: z
    .string({ error: "startToken must be the text who_holds_port's processes gave for this pid" })
    .max(200, { error: 'startToken is longer than 200 characters' })
    .nullable()
    .describe(
      "who_holds_port's processes[].startToken for this pid: proves the PID is still the process seen",
    ),
};
