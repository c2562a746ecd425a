// The fast path (cli/fast-path.ts) runs a command line without commander only when commander would
// run the very same command with the very same arguments and options: checked on hand-picked and
// random command lines against the real program, with each command's body replaced by a recorder.
import { CommanderError } from 'commander';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FAST_COMMANDS, LIST_SPEC, WHO_SPEC } from '../../../src-main/cli/command-specs.js';
import { cliContext } from '../../../src-main/cli/context.js';
import {
  asksHelpOrVersion,
  fastRoute,
  parseFlags,
  withDefaultCommand,
} from '../../../src-main/cli/fast-path.js';
import { buildProgram } from '../../../src-main/cli/program.js';

interface Parsed {
  name: string;
  args: string[];
  options: Record<string, unknown>;
  color: boolean;
}

/** What commander makes of `argv`: the command it would run, with what; null when it refuses. */
async function commanderParse(argv: readonly string[]): Promise<Parsed | null> {
  const sink = { write: () => true };
  const program = buildProgram(cliContext(sink, sink, {}, () => new Promise(() => {})));
  let parsed: Parsed | null = null;
  for (const command of program.commands) {
    command.action((...params: unknown[]) => {
      const options = params.at(-2) as Record<string, unknown>;
      parsed = {
        name: command.name(),
        args: params.slice(0, -2) as string[],
        options: { ...options },
        color: program.opts<{ color?: boolean }>().color !== false,
      };
    });
  }
  try {
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return null;
    throw error;
  }
  return parsed;
}

function fastParse(argv: readonly string[]): Parsed | null {
  const route = fastRoute(argv, FAST_COMMANDS);
  return (
    route && { name: route.spec.name, args: route.args, options: route.options, color: route.color }
  );
}

async function expectSameAsCommander(argv: string[]): Promise<void> {
  const fast = fastParse(argv);
  if (fast === null) return; // commander parses it, and answers as it always did
  expect(fast, JSON.stringify(argv)).toEqual(await commanderParse(argv));
}

const PLAIN: string[][] = [
  [],
  ['--json'],
  ['--no-color'],
  ['list'],
  ['list', '--json'],
  ['--json', 'list'],
  ['list', '-a', '--container', 'db', '--image=postgres:16'],
  ['list', '--all', '--no-color', '--json'],
  ['who', '3000'],
  ['who', '3000', '--json', '--timeout', '0.5'],
  ['who', '--timeout=2', '70000'],
  ['who', 'abc'],
  ['status', '--json'],
  ['conflicts'],
  ['--no-color', 'conflicts', '--json'],
  ['who', '--', '3000'],
];

const HANDED_OVER: string[][] = [
  ['--help'],
  ['-h'],
  ['--version'],
  ['list', '--help'],
  ['list', '--bogus'],
  ['list', 'extra'],
  ['who'],
  ['who', '1', '2'],
  ['who', '--timeout'],
  ['list', '--container'],
  ['list', '--container', '--json'],
  ['list', '--all=yes'],
  ['help', 'list'],
  ['watch', '3000'],
  ['--bogus', 'list'],
  ['who', '-5'],
];

describe('the fast path takes plain command lines, exactly as commander reads them', () => {
  test.each(PLAIN)('%j', async (...argv) => {
    expect(fastParse(argv)).not.toBeNull();
    await expectSameAsCommander(argv);
  });

  test.each(HANDED_OVER)('%j goes to commander', (...argv) => {
    expect(fastParse(argv)).toBeNull();
  });

  test('random command lines: taken only when commander reads them the same', async () => {
    const word = fc.constantFrom(
      'list',
      'who',
      'status',
      'conflicts',
      'watch',
      'help',
      '3000',
      'db',
      '0.5',
      '--',
      '-a',
      '-aa',
      '-h',
      '-x',
      '--all',
      '--json',
      '--no-color',
      '--color',
      '--container',
      '--container=db',
      '--image',
      '--image=pg',
      '--timeout',
      '--timeout=1',
      '--help',
      '--bogus',
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        if (fastParse(argv) !== null) taken += 1;
        await expectSameAsCommander(argv);
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: a good share of random lines are plain enough to take.
    expect(taken).toBeGreaterThan(50);
  });
});

test('option flags are read as commander names them', () => {
  expect(parseFlags({ flags: '-a, --all', description: '' })).toEqual({
    name: 'all',
    attribute: 'all',
    short: 'a',
    takesValue: false,
  });
  expect(parseFlags({ flags: '--no-color', description: '' })).toMatchObject({
    name: 'no-color',
    attribute: 'color',
  });
  expect(parseFlags({ flags: '--timeout <seconds>', description: '' })).toMatchObject({
    takesValue: true,
  });
  expect(() => parseFlags({ flags: '-a --all', description: '' })).toThrow(/not understood/);
  // Every spec's flags are in a form the fast path reads.
  for (const spec of [LIST_SPEC, WHO_SPEC, ...FAST_COMMANDS])
    for (const option of spec.options) expect(() => parseFlags(option)).not.toThrow();
});

test('help and version lines are told apart from commands (they are answered in one write)', () => {
  for (const argv of [
    ['--help'],
    ['-h'],
    ['who', '3000', '--help'],
    ['help', 'list'],
    ['-V'],
    ['list', '--version'],
  ])
    expect(asksHelpOrVersion(argv), argv.join(' ')).toBe(true);
  // After `--` a word is an argument; `help` is a command only as the first word.
  for (const argv of [
    [],
    ['list'],
    ['explain', '--', '--help'],
    ['who', 'help'],
    ['watch', '3000'],
  ])
    expect(asksHelpOrVersion(argv), argv.join(' ')).toBe(false);
});
