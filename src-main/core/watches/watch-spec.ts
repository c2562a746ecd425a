// A validated WatchSpec from user input (CLI flags, the window, MCP): zod checks the options and
// fills defaults; the target is parsed by watch-target.ts.
import { z } from 'zod';
import { targetText } from '../../domain/endpoint.js';
import { expectationCheck } from '../../domain/expected-owner.js';
import type { WatchSpec, WatchTarget } from '../../domain/model.js';
import { InputError, echoInput } from '../errors.js';
import { HOW, parseWatchTarget } from './watch-target.js';

const DAY_MS = 24 * 60 * 60_000;
const wholeNumber = (
  what: string,
  min: number,
  max: number,
  unit = '',
  range = `${min}..${max}`,
) => {
  const outOfRange = (i: { input?: unknown }) =>
    `${what} ${String(i.input)}${unit} is out of range (${range})`;
  return z
    .number({
      error: (i) =>
        `${what} must be a whole number, got ${echoInput(JSON.stringify(i.input) ?? 'nothing')}`,
    })
    .int()
    .min(min, { error: outOfRange })
    .max(max, { error: outOfRange });
};
const optionalText = z
  .string({ error: 'must be text' })
  .trim()
  .max(200, { error: 'must be at most 200 characters' })
  .nullish();

const watchOptions = z.object({
  expect: optionalText.superRefine(expectationCheck),
  label: optionalText,
  id: optionalText,
  intervalMs: wholeNumber('interval', 500, DAY_MS, ' ms', '500 ms..24 h').default(5000),
  failuresToDown: wholeNumber('failuresToDown', 1, 100).default(2),
  successesToUp: wholeNumber('successesToUp', 1, 100).default(1),
});

/** Validates and fills defaults; the id is stable text from the target unless one is given. */
export function createWatchSpec(input: {
  target: string | WatchTarget;
  expect?: string | null;
  intervalMs?: number;
  failuresToDown?: number;
  successesToUp?: number;
  label?: string | null;
  id?: string;
}): WatchSpec {
  if (typeof input.target !== 'string' && (typeof input.target !== 'object' || !input.target)) {
    throw new InputError(`a watch needs a target: ${HOW}`);
  }
  // Re-parsing the printed form validates a hand-built target and makes it canonical.
  const target =
    typeof input.target === 'string'
      ? parseWatchTarget(input.target)
      : parseWatchTarget(targetText(input.target));
  const parsed = watchOptions.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? 'watch';
    const message = issue?.message ?? 'invalid watch options';
    throw new InputError(message.startsWith('must') ? `${where} ${message}` : message);
  }
  const options = parsed.data;
  const local = `local:${target.port}`;
  return {
    id: options.id || (target.host === null ? local : targetText(target)),
    target,
    expect: options.expect || null,
    intervalMs: options.intervalMs,
    failuresToDown: options.failuresToDown,
    successesToUp: options.successesToUp,
    label: options.label || null,
  };
}
