// Prose wraps at spaces to the terminal's width (80, 120 columns), never inside an address or command,
// and not at all when piped.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { findConflicts } from '../../../src-main/core/rules/conflicts.js';
import { cliContext, type OutputStream } from '../../../src-main/cli/context.js';
import { palette } from '../../../src-main/cli/format/color.js';
import { renderConflicts } from '../../../src-main/cli/format/conflicts.js';
import { visibleLength, wrapLine, wrapLines } from '../../../src-main/cli/format/wrap.js';
import { buildProgram } from '../../../src-main/cli/program.js';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { listener, snapshotOf, watch } from '../core/rules/fixtures.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

/** Real conflict explanations, as the rules word them: shadowed, shared, an unexpected owner and a half-reachable port. */
function longLines(color: boolean): string[] {
  const snapshot = snapshotOf([
    listener('127.0.0.1', 3000, 4121, 'python3', {
      command: '/usr/bin/python3 -m http.server 3000 --bind 127.0.0.1',
    }),
    listener('::1', 3000, 5120, 'node', { command: 'node /home/dev/app/server.js' }),
    listener('0.0.0.0', 4100, 7001, 'gunicorn'),
    listener('0.0.0.0', 4100, 7002, 'uvicorn'),
    listener('::1', 5432, 812, 'redis-server'),
  ]);
  const conflicts = findConflicts(snapshot, [watch('db', 5432, 'postgres')]);
  expect(conflicts.map((c) => c.kind).sort()).toEqual([
    'half-reachable',
    'shadowed',
    'shared-port',
    'unexpected-owner',
  ]);
  return renderConflicts(conflicts, palette(color));
}

const tokens = (text: string): string[] => text.split(/\s+/).filter((t) => t !== '');

describe.each([80, 120])('wrapping conflict explanations at %i columns', (width) => {
  test('every line fits, no token is split, continuation lines are indented', () => {
    for (const line of longLines(false)) {
      const wrapped = wrapLine(line, width);
      for (const piece of wrapped) expect(piece.length).toBeLessThanOrEqual(width);
      // The same tokens in the same order: nothing was cut inside a word, address or command.
      expect(tokens(wrapped.join('\n'))).toEqual(tokens(line));
      const lead = /^ */.exec(line)![0].length;
      for (const next of wrapped.slice(1)) expect(next.startsWith(' '.repeat(lead + 2))).toBe(true);
    }
    // The test means something only if some explanation is longer than the terminal.
    expect(longLines(false).some((line) => line.length > width)).toBe(true);
  });

  test('colors take no columns', () => {
    const plain = wrapLines(longLines(false), width);
    const colored = wrapLines(longLines(true), width);
    expect(colored.map(visibleLength)).toEqual(plain.map((l) => l.length));
  });
});

test('a token longer than the line stands alone and whole', () => {
  const path = `/very/${'long/'.repeat(20)}path`;
  expect(wrapLine(`open ${path} now`, 40)).toEqual(['open', `  ${path}`, '  now']);
  expect(wrapLine('short', 40)).toEqual(['short']);
  expect(wrapLine('x '.repeat(60), null)).toEqual(['x '.repeat(60)]);
});

/** A stream like a terminal of `columns` width, collecting what is written. */
function terminal(columns: number): OutputStream & { text: () => string } {
  let text = '';
  return { isTTY: true, columns, write: (t: string) => (text += t), text: () => text };
}

describe('the real CLI', () => {
  /** node on [::1]:PORT, another process on 127.0.0.1:PORT: a real shadowed conflict. */
  async function shadowed() {
    const node = await holdSockets({ listen: [{ host: '::1', ipv6Only: true }] });
    const port = node.sockets[0]!.port;
    const other = await holdSockets({ listen: [{ host: '127.0.0.1', port }], title: 'otherhold' });
    return { node, other, port };
  }

  test.each([80, 120])('`conflicts` on a %i-column terminal wraps at spaces', async (columns) => {
    const { node, other, port } = await shadowed();
    const out = terminal(columns);
    const ctx = cliContext(out, terminal(200), { NO_COLOR: '1' }, () => new Promise(() => {}));
    await buildProgram(ctx).parseAsync(['conflicts'], { from: 'user' });
    const lines = out.text().trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    // Our conflict, unwrapped (continuation indents folded back into single spaces), is whole.
    const start = lines.findIndex((l) => l.startsWith(`! tcp/${port} shadowed:`));
    expect(start).toBeGreaterThanOrEqual(0);
    const end = lines.findIndex((l, i) => i > start && l.startsWith('! '));
    const text = lines
      .slice(start, end < 0 ? undefined : end)
      .join(' ')
      .replace(/ +/g, ' ');
    expect(text).toContain(`otherhold (PID ${other.pid}) on 127.0.0.1 over IPv4`);
    expect(text).toContain(`node (PID ${node.pid}) on ::1 over IPv6`);
    expect(text).toContain(`kill ${other.pid} or kill ${node.pid}`);
    expect(lines.length).toBeGreaterThan(end < 0 ? 2 : 0);
  });

  test('piped, a conflict stays one line per sentence', async () => {
    const { port } = await shadowed();
    const { stdout } = await runCli(['conflicts'], freshConfigDir());
    const ours = stdout.split('\n').filter((l) => l.includes(`tcp/${port} shadowed`));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.length).toBeGreaterThan(120);
  });
});
