// Error codes are one list (ERROR_CODES): each travels unchanged, anything else becomes `failed`.
import { describe, expect, test } from 'vitest';
import { ERROR_CODES, isErrorCode } from '../../../src-main/shared/contract.js';
import { PortholeError, serviceError, toTransportError } from '../../../src-main/service/index.js';

describe('error codes', () => {
  test.each(ERROR_CODES)('%s travels in the envelope as it was thrown', (code) => {
    expect(toTransportError(serviceError(code, 'why'))).toEqual({ code, message: 'why' });
  });

  test('a code outside the list becomes failed, keeping the message', () => {
    const odd = Object.assign(new Error('disk gone'), { code: 'ENOENT' });
    expect(toTransportError(odd)).toEqual({ code: 'failed', message: 'disk gone' });
    expect(isErrorCode('ENOENT')).toBe(false);
    expect(isErrorCode('not-found')).toBe(true);
  });

  test('a typo in a code fails the type-check', () => {
    // @ts-expect-error 'not-fund' is not an ErrorCode
    const typo = serviceError('not-fund', 'x');
    // @ts-expect-error PortholeError takes only the listed codes
    const remote = new PortholeError('forbiden', 'x');
    expect([typo.code, remote.code]).toEqual(['not-fund', 'forbiden']);
  });
});
