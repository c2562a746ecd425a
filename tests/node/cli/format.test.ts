// The CLI's own pure pieces: argument parsing, the table formatter and the JSON picks.
import { portSocket } from '../../helpers/port-socket.js';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src-main/core/errors.js';
import {
  parseCountArg,
  parsePortArg,
  parseSecondsArg,
  parseSinceArg,
} from '../../../src-main/cli/args.js';
import { decideColor } from '../../../src-main/cli/context.js';
import { palette } from '../../../src-main/cli/format/color.js';
import { socketJson } from '../../../src-main/cli/format/json.js';
import {
  addressLabel,
  protoLabel,
  renderSocketTable,
} from '../../../src-main/cli/format/sockets.js';
import { renderTable, truncate } from '../../../src-main/cli/format/table.js';

const socket = portSocket;

describe('argument parsing', () => {
  test('ports: range and non-numbers are refused with the wording users see', () => {
    expect(parsePortArg('3000')).toBe(3000);
    expect(() => parsePortArg('70000')).toThrow(
      new InputError('port 70000 is out of range (1-65535)'),
    );
    expect(() => parsePortArg('0')).toThrow('out of range');
    expect(() => parsePortArg('abc')).toThrow(new InputError('"abc" is not a port'));
    expect(() => parsePortArg('30.5')).toThrow('is not a port');
  });

  test('--since takes durations back from now and ISO times', () => {
    const now = Date.UTC(2025, 4, 1, 12, 0, 0);
    expect(parseSinceArg('30m', now)).toBe(now - 30 * 60_000);
    expect(parseSinceArg('1h', now)).toBe(now - 3_600_000);
    expect(parseSinceArg('2d', now)).toBe(now - 2 * 86_400_000);
    expect(parseSinceArg('2025-05-01T10:00:00Z', now)).toBe(Date.UTC(2025, 4, 1, 10));
    expect(() => parseSinceArg('1', now)).toThrow(InputError);
    expect(() => parseSinceArg('soon', now)).toThrow('"soon" is not a time');
  });

  test('seconds and counts are bounded', () => {
    expect(parseSecondsArg('--interval', '0.5', 0.5)).toBe(500);
    expect(() => parseSecondsArg('--interval', '0.2', 0.5)).toThrow(
      '--interval must be between 0.5',
    );
    expect(() => parseSecondsArg('--interval', 'fast')).toThrow(
      '--interval needs a number of seconds',
    );
    expect(parseCountArg('--failures', '3')).toBe(3);
    expect(() => parseCountArg('--failures', '0')).toThrow('--failures must be between 1');
    expect(() => parseCountArg('--failures', '-1')).toThrow('--failures needs a whole number');
  });
});

describe('color decision', () => {
  test('only for a terminal, never with NO_COLOR or --no-color', () => {
    expect(decideColor(true, {}, { write: () => true, isTTY: true })).toBe(true);
    expect(decideColor(true, {}, { write: () => true, isTTY: false })).toBe(false);
    expect(decideColor(true, { NO_COLOR: '1' }, { write: () => true, isTTY: true })).toBe(false);
    expect(decideColor(false, {}, { write: () => true, isTTY: true })).toBe(false);
  });
});

describe('table', () => {
  test('aligns columns and right-aligns numbers', () => {
    const text = renderTable(
      [{ header: 'NAME' }, { header: 'PID', align: 'right' }],
      [
        ['a', '7'],
        ['longer', '12345'],
      ],
      { width: null },
    );
    expect(text.split('\n')).toEqual(['NAME      PID', 'a           7', 'longer  12345']);
  });

  test('cuts the shrinkable column to the terminal width with an ellipsis', () => {
    const text = renderSocketTable([socket({ command: 'x'.repeat(200) })], {
      connections: false,
      width: 80,
      palette: palette(false),
    });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain('…');
  });

  test('truncate keeps short text and marks cuts', () => {
    expect(truncate('abc', 5)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  test('colored cells are padded by their visible width', () => {
    const text = renderSocketTable(
      [socket(), socket({ localAddress: '0.0.0.0', exposure: 'all-interfaces', pid: 7 })],
      {
        connections: false,
        width: null,
        palette: palette(true),
      },
    );
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\u001b\[\d+m/g, '').split('\n');
    const pidColumn = plain.map((line) =>
      line.indexOf('PID') >= 0 ? line.indexOf('PID') + 3 : -1,
    )[0]!;
    expect(plain[1]!.slice(0, pidColumn).trimEnd()).toMatch(/4121$/);
    expect(plain[2]!.slice(0, pidColumn).trimEnd()).toMatch(/ 7$/);
    expect(plain[2]).toContain('EXPOSED all');
  });
});

describe('labels and JSON picks', () => {
  test('addresses as clients type them; wildcards as *', () => {
    expect(addressLabel('127.0.0.1', 3000)).toBe('127.0.0.1:3000');
    expect(addressLabel('::1', 3000)).toBe('[::1]:3000');
    expect(addressLabel('0.0.0.0', 5353)).toBe('*:5353');
    expect(addressLabel('::', 5353)).toBe('*:5353');
    expect(protoLabel({ protocol: 'udp', family: 6 })).toBe('udp6');
  });

  test('socketJson drops internal fields (inode, pids)', () => {
    const out = socketJson(socket({ inode: 12345, pids: [4121, 4122] }));
    expect(out).not.toHaveProperty('inode');
    expect(out).not.toHaveProperty('pids');
    expect(out).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 3000,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: 4121,
      process: 'node',
      command: 'node server.js --port 3000',
      user: 'dev',
      exposure: 'loopback',
      container: null,
      forwardsTo: null,
      published: null,
      unattributedCause: null,
    });
    expect(socketJson(socket({ pid: null, unattributedCause: 'refused' })).unattributedCause).toBe(
      'refused',
    );
  });
});

describe('text from other programs', () => {
  test('control characters in a command line cannot break rows or reach the terminal', () => {
    const text = renderSocketTable([socket({ command: 'node -e "\n\u001b[2Jevil"\tx' })], {
      connections: false,
      width: null,
      palette: palette(false),
    });
    expect(text.split('\n')).toHaveLength(2);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('node -e " ?[2Jevil" x');
  });
});
