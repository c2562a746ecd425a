// The watch form's checks: what the window refuses before sending, and what it sends.
import { describe, expect, test } from 'vitest';
import {
  EMPTY_WATCH_FORM,
  changesFrom,
  fieldsFromSpec,
  inputFromSpec,
  targetError,
  validateWatchForm,
} from '../../../src-renderer/lib/watch-form.js';
import { targetText } from '../../../src-main/domain/index.js';
import { watchView } from './fakes.js';

const form = (over: Partial<typeof EMPTY_WATCH_FORM>) => ({ ...EMPTY_WATCH_FORM, ...over });

describe('targetError', () => {
  test.each([
    ['3000'],
    [':3000'],
    ['localhost:3000'],
    ['db.internal:5432'],
    ['10.0.0.5:80'],
    ['[::1]:8080'],
    ['[fe80::1]:22'],
  ])('accepts %s', (text) => {
    expect(targetError(text)).toBeNull();
  });

  test.each([
    ['70000', 'Port must be 1–65535'],
    ['0', 'Port must be 1–65535'],
    ['localhost:99999', 'Port must be 1–65535'],
    ['abc', '"abc" is not a port'],
    ['bad_host!:80', 'cannot contain "!"'],
    ['-bad-.com:80', 'not a valid host name'],
    ['10.0.0.300:80', 'not a valid IPv4 address'],
    ['[::1', 'Missing "]"'],
    ['[::1]', 'has no port'],
    ['[zz::1]:80', 'is not an IPv6 address'],
    ['[127.0.0.1]:80', 'without brackets'],
    ['::1:8080', 'in brackets'],
    ['localhost', 'has no port'],
    ['http://localhost:3000', 'not a URL'],
    ['localhost:', 'Port missing'],
    ['', 'Required'],
  ])('refuses %s', (text, message) => {
    expect(targetError(text)).toContain(message);
  });
});

describe('validateWatchForm', () => {
  test('one field is enough: blank options are left to the core defaults', () => {
    expect(validateWatchForm(form({ target: ' 3000 ' }))).toEqual({
      ok: true,
      input: { target: '3000' },
    });
  });

  test('options become the contract fields, the interval in ms', () => {
    const result = validateWatchForm(
      form({
        target: '3000',
        expect: 'node',
        intervalSeconds: '0.5',
        failuresToDown: '3',
        label: 'API',
      }),
    );
    expect(result).toEqual({
      ok: true,
      input: { target: '3000', expect: 'node', intervalMs: 500, failuresToDown: 3, label: 'API' },
    });
  });

  test('interval under 0.5 s, non-numbers and bad failures are refused with messages', () => {
    const result = validateWatchForm(
      form({ target: '3000', intervalSeconds: '0.2', failuresToDown: '0' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.intervalSeconds).toBe('Interval must be at least 0.5 s');
    expect(result.errors.failuresToDown).toContain('1–100');
    const words = validateWatchForm(form({ target: '3000', intervalSeconds: 'fast' }));
    expect(words.ok ? null : words.errors.intervalSeconds).toContain('number of seconds');
  });

  test('every bad field is reported at once', () => {
    const result = validateWatchForm(form({ target: '70000', label: 'x'.repeat(201) }));
    expect(result.ok ? {} : Object.keys(result.errors).sort()).toEqual(['label', 'target']);
  });

  test('editing sends null to clear expect and label', () => {
    expect(validateWatchForm(form({ target: '3000' }), 'edit')).toEqual({
      ok: true,
      input: { target: '3000', expect: null, label: null },
    });
  });
});

describe('edit and undo helpers', () => {
  const spec = watchView({
    id: 'x',
    target: { host: '::1', port: 8080 },
    expect: 'node',
    label: 'API',
    intervalMs: 2500,
  }).spec;

  test('targets print back in the form the field accepts', () => {
    expect(targetText(spec.target)).toBe('[::1]:8080');
    expect(targetText({ host: null, port: 3000 })).toBe('3000');
    expect(targetError(targetText(spec.target))).toBeNull();
  });

  test('an unchanged edit changes nothing; a changed field is the only change', () => {
    const fields = fieldsFromSpec(spec);
    expect(fields.intervalSeconds).toBe('2.5');
    const same = validateWatchForm(fields, 'edit');
    expect(same.ok && changesFrom(spec, same.input)).toEqual({});
    const edited = validateWatchForm({ ...fields, expect: '' }, 'edit');
    expect(edited.ok && changesFrom(spec, edited.input)).toEqual({ expect: null });
  });

  test('undo re-adds the same watch', () => {
    expect(inputFromSpec(spec)).toEqual({
      target: '[::1]:8080',
      expect: 'node',
      intervalMs: 2500,
      failuresToDown: 2,
      successesToUp: 1,
      label: 'API',
    });
  });
});
