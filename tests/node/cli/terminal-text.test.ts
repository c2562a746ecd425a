// The CLI's one door to the terminal, JSON's C1 escapes, echoed input and list's unattributed counts.
import { describe, expect, test } from 'vitest';
import { cliContext } from '../../../src-main/cli/context.js';
import { palette } from '../../../src-main/cli/format/color.js';
import { escapeC1 } from '../../../src-main/cli/format/json.js';
import { terminalText } from '../../../src-main/cli/format/printable.js';
import { countUnattributed, unattributedLines } from '../../../src-main/cli/load.js';
import { echoInput } from '../../../src-main/core/errors.js';
import type { Snapshot } from '../../../src-main/domain/model.js';
import { portSocket } from '../../helpers/port-socket.js';

describe('terminalText', () => {
  test('keeps lines, tabs and CRLF; every other control character becomes ?', () => {
    expect(terminalText('a\tb\r\nc\n', false)).toBe('a\tb\r\nc\n');
    expect(terminalText('x\u001b]0;t\u0007\ry\u009b2J\u007f\u0000', false)).toBe('x?]0;t??y?2J??');
  });

  test("with color on, only the palette's own sequences survive", () => {
    const ours = palette(true).red('down');
    expect(terminalText(ours, true)).toBe(ours);
    expect(terminalText(ours, false)).toBe('?[31mdown?[39m');
    // The same bytes are fine from us, but a cursor move or a title never is.
    expect(terminalText('\u001b[2J\u001b[1A\u001b]0;x\u0007', true)).toBe('?[2J?[1A?]0;x?');
  });

  test('cliContext guards both streams; stdout keeps colors once decided, stderr never', () => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx = cliContext(
      { write: (t: string) => out.push(t), isTTY: true, columns: 80 },
      { write: (t: string) => err.push(t) },
      {},
      () => Promise.resolve(),
    );
    ctx.color = true;
    const red = palette(true).red('x');
    ctx.stdout.write(`${red}\u001b[2J\n`);
    ctx.stderr.write(`${red}\n`);
    expect(out).toEqual([`${red}?[2J\n`]);
    expect(err).toEqual(['?[31mx?[39m\n']);
    expect(ctx.stdout.isTTY).toBe(true);
    expect(ctx.stdout.columns).toBe(80);
  });
});

describe('escapeC1', () => {
  test('DEL and C1 inside JSON strings become \\u escapes: valid JSON, same value', () => {
    const value = { name: 'a\u009b31m\u007fb\u0085' };
    const text = escapeC1(JSON.stringify(value));
    expect(text).toBe('{"name":"a\\u009b31m\\u007fb\\u0085"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('echoInput', () => {
  test('keeps 40 characters and marks the cut', () => {
    expect(echoInput('3000')).toBe('3000');
    expect(echoInput('x'.repeat(40))).toBe('x'.repeat(40));
    expect(echoInput('9'.repeat(5_000))).toBe(`${'9'.repeat(40)}…`);
  });
});

function snapshot(sockets: Snapshot['sockets'], unattributed: number): Snapshot {
  return { takenAt: 0, sockets, unattributed, source: 'proc', warnings: [] };
}

describe("list's unattributed count", () => {
  // 2 ownerless listeners, 3 ownerless connections (one TIME_WAIT, never counted), 1 owned.
  const sockets = [
    portSocket({ pid: null, localPort: 1 }),
    portSocket({ pid: null, localPort: 2, protocol: 'udp', state: 'UNCONN' }),
    portSocket({ pid: null, state: 'ESTABLISHED', exposure: null, remotePort: 5 }),
    portSocket({ pid: null, state: 'ESTABLISHED', exposure: null, remotePort: 6 }),
    portSocket({ pid: null, state: 'TIME_WAIT', exposure: null, remotePort: 7, inode: 0 }),
    portSocket({ localPort: 3 }),
  ];
  const snap = snapshot(sockets, 4);

  test('without --all: the shown listeners, and the rest as more with --all', () => {
    expect(countUnattributed(snap, false)).toEqual({ shown: 2, hidden: 2 });
    const lines = unattributedLines({ shown: 2, hidden: 2 }, snap);
    expect(lines[0]).toMatch(/^2 sockets could not be attributed to a process \(/);
    expect(lines[1]).toBe('… and 2 more unattributed connections with --all');
  });

  test('with --all: the collector count, nothing more', () => {
    expect(countUnattributed(snap, true)).toEqual({ shown: 4, hidden: 0 });
    expect(unattributedLines({ shown: 4, hidden: 0 }, snap)).toHaveLength(1);
  });

  test('no ownerless listener: one line that points at --all; none at all: no line', () => {
    expect(countUnattributed(snapshot(sockets.slice(2), 2), false)).toEqual({
      shown: 0,
      hidden: 2,
    });
    expect(unattributedLines({ shown: 0, hidden: 1 }, snap)).toEqual([
      expect.stringMatching(/^1 unattributed connection not shown; --all shows it \(/),
    ]);
    expect(unattributedLines({ shown: 0, hidden: 0 }, snap)).toEqual([]);
  });

  test('the reason is per cause: sudo only for other users’ sockets, none of it as root', () => {
    const asUser = {
      ...snap,
      unattributedByCause: { 'other-user': 3, refused: 0, kernel: 1, gone: 0, unknown: 0 },
    };
    expect(unattributedLines({ shown: 4, hidden: 0 }, asUser)).toEqual([
      '4 sockets could not be attributed to a process (3 of other users’ processes: run with sudo to see them; 1 kernel or other-namespace: no process to name)',
    ]);
    const asRoot = {
      ...snap,
      unattributedByCause: { 'other-user': 0, refused: 0, kernel: 4, gone: 0, unknown: 0 },
    };
    const [line] = unattributedLines({ shown: 2, hidden: 2 }, asRoot);
    expect(line).toBe(
      '2 sockets could not be attributed to a process (of all 4: 4 kernel or other-namespace: no process to name)',
    );
    expect(line).not.toMatch(/sudo|root/);
  });
});
