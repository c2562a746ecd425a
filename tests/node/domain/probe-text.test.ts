import { describe, expect, test } from 'vitest';
import { probeErrorText } from '../../../src-main/domain/probe-text.js';

describe('probeErrorText', () => {
  test.each([
    ['ECONNREFUSED', 'refused (nothing listens)'],
    ['timeout', 'timed out (filtered or down)'],
    ['ENOTFOUND', 'no such host'],
    ['EAI_AGAIN', 'no such host'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
  ])('%s reads as "%s"', (code, words) => {
    expect(probeErrorText(code)).toBe(words);
  });

  test('a combined watch error names each address in words', () => {
    expect(probeErrorText('127.0.0.1 timeout, ::1 ECONNREFUSED')).toBe(
      '127.0.0.1 timed out (filtered or down), ::1 refused (nothing listens)',
    );
  });

  test('unknown codes stay, a missing error is "no answer", codes inside words are left alone', () => {
    expect(probeErrorText('EWEIRD')).toBe('EWEIRD');
    expect(probeErrorText(null)).toBe('no answer');
    expect(probeErrorText('')).toBe('no answer');
    expect(probeErrorText('XECONNREFUSED')).toBe('XECONNREFUSED');
  });
});
