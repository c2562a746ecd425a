// Source selection: options, PORTHOLE_SOURCE, and what 'auto' picks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { InputError } from '../../../../src-main/core/errors.js';
import {
  createCollector,
  parseSourceChoice,
  resolveSource,
} from '../../../../src-main/core/collector/index.js';

const saved = process.env.PORTHOLE_SOURCE;
afterEach(() => {
  if (saved === undefined) delete process.env.PORTHOLE_SOURCE;
  else process.env.PORTHOLE_SOURCE = saved;
});

describe('parseSourceChoice', () => {
  test('accepts the three choices, any case, and treats unset or empty as auto', () => {
    expect(parseSourceChoice('proc')).toBe('proc');
    expect(parseSourceChoice(' SystemInformation ')).toBe('systeminformation');
    expect(parseSourceChoice(undefined)).toBe('auto');
    expect(parseSourceChoice('')).toBe('auto');
  });

  test('anything else is an InputError naming the allowed values', () => {
    expect(() => parseSourceChoice('netstat')).toThrow(InputError);
    expect(() => parseSourceChoice('netstat')).toThrow(
      /PORTHOLE_SOURCE must be one of auto, proc, systeminformation/,
    );
    expect(() => parseSourceChoice(42, 'source')).toThrow(/source must be one of/);
  });
});

describe('createCollector', () => {
  test('an invalid PORTHOLE_SOURCE is an InputError; an explicit option wins over the variable', () => {
    process.env.PORTHOLE_SOURCE = 'bogus';
    expect(() => createCollector()).toThrow(InputError);
    expect(createCollector({ source: 'systeminformation' }).source).toBe('systeminformation');
  });

  test('PORTHOLE_SOURCE picks the source', () => {
    process.env.PORTHOLE_SOURCE = 'systeminformation';
    expect(createCollector().source).toBe('systeminformation');
    process.env.PORTHOLE_SOURCE = 'proc';
    expect(createCollector().source).toBe('proc');
  });

  test('an invalid source option is an InputError', () => {
    expect(() => createCollector({ source: 'lsof' as 'proc' })).toThrow(InputError);
  });

  test("'auto' is proc on Linux with a readable /proc/net/tcp, systeminformation otherwise", () => {
    delete process.env.PORTHOLE_SOURCE;
    const empty = mkdtempSync(join(tmpdir(), 'porthole-no-proc-'));
    try {
      if (process.platform === 'linux')
        expect(resolveSource('auto', '/proc', 'linux')).toBe('proc');
      expect(resolveSource('auto', empty, 'linux')).toBe('systeminformation');
      expect(resolveSource('auto', '/proc', 'darwin')).toBe('systeminformation');
      expect(resolveSource('proc', empty, 'win32')).toBe('proc');
      expect(createCollector({ procRoot: empty }).source).toBe('systeminformation');
      if (process.platform === 'linux') expect(createCollector().source).toBe('proc');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
