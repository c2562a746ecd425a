// History export: RFC 4180 CSV with a formula-injection guard, and a JSON array with ISO times.
import { describe, expect, test } from 'vitest';
import { HistoryLog, type HistoryEntry } from '../../../../src-main/core/history/history-log.js';
import { historyEntry } from '../../../helpers/history-entry.js';

const AT = Date.UTC(2026, 10, 29, 0, 21, 30, 5);

function entry(patch: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({ at: AT, ...patch });
}

/** A minimal RFC 4180 reader, so tests check cells rather than guessing at the text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}

describe('HistoryLog.toCsv', () => {
  test('header, ISO time, empty cells for null, CRLF rows', () => {
    const csv = HistoryLog.toCsv([
      entry(),
      entry({ port: null, protocol: null, pid: null, process: null, target: null }),
    ]);
    expect(csv).toBe(
      'at,kind,port,protocol,target,event,pid,process,detail\r\n' +
        '2026-11-29T00:21:30.005Z,watch,3000,tcp,3000,down,4121,node,node (PID 4121) stopped listening\r\n' +
        '2026-11-29T00:21:30.005Z,watch,,,,down,,,node (PID 4121) stopped listening\r\n',
    );
  });

  test('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const csv = HistoryLog.toCsv([entry({ detail: 'a, "b"\nc', process: 'my app' })]);
    expect(csv.split('\r\n')[1]).toBe(
      '2026-11-29T00:21:30.005Z,watch,3000,tcp,3000,down,4121,my app,"a, ""b""\nc"',
    );
  });

  test.each(['=cmd|" /C calc"!A0', '+1+1', '-2+3', '@SUM(A1)', '\tx'])(
    'guards %j against formula injection',
    (name) => {
      const rows = parseCsv(HistoryLog.toCsv([entry({ process: name, detail: name })]));
      expect(rows[1]?.[7]).toBe(`'${name}`);
      expect(rows[1]?.[8]).toBe(`'${name}`);
      expect(rows[1]?.[2]).toBe('3000');
    },
  );

  test('round-trips through an RFC 4180 reader', () => {
    const tricky = entry({ detail: 'line1\r\nline2, "quoted"', target: 'db.local:5432' });
    const rows = parseCsv(HistoryLog.toCsv([tricky]));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      '2026-11-29T00:21:30.005Z',
      'watch',
      '3000',
      'tcp',
      'db.local:5432',
      'down',
      '4121',
      'node',
      tricky.detail,
    ]);
  });

  test('an empty history is just the header', () => {
    expect(HistoryLog.toCsv([])).toBe('at,kind,port,protocol,target,event,pid,process,detail\r\n');
  });
});

describe('HistoryLog.toJson', () => {
  test('pretty array with ISO 8601 times, other fields as they are', () => {
    const json = HistoryLog.toJson([
      entry(),
      entry({ kind: 'exposure', event: 'exposed', pid: null }),
    ]);
    expect(json).toContain('\n  {\n    "at": "2026-11-29T00:21:30.005Z"');
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toEqual({
      ...entry({ kind: 'exposure', event: 'exposed', pid: null }),
      at: '2026-11-29T00:21:30.005Z',
    });
  });
});
