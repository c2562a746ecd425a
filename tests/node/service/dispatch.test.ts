// The one request path both borders use: contract validation, the backend, envelopes, never a throw.
import { describe, expect, test, vi } from 'vitest';
import { InputError } from '../../../src-main/core/errors.js';
import { dispatch } from '../../../src-main/service/dispatch.js';
import type { PortholeBackend } from '../../../src-main/shared/contract.js';

function backendThat(handle: (channel: string, request: unknown) => Promise<unknown>) {
  const calls: [string, unknown][] = [];
  const backend = {
    handle: (channel: string, request: unknown) => {
      calls.push([channel, request]);
      return handle(channel, request);
    },
    onEvent: () => () => undefined,
  } as unknown as PortholeBackend;
  return { backend, calls };
}

describe('dispatch', () => {
  test('a valid request reaches the backend once, validated, and its answer comes back', async () => {
    const { backend, calls } = backendThat(() => Promise.resolve({ port: 3000 }));
    const answer = await dispatch(backend, 'porthole:ports:who', { port: 3000 });
    expect(answer).toEqual({ ok: true, value: { port: 3000 } });
    expect(calls).toEqual([['porthole:ports:who', { port: 3000 }]]);
  });

  test('a payload the contract refuses never reaches the backend', async () => {
    const { backend, calls } = backendThat(() => Promise.resolve(null));
    const onFailure = vi.fn();
    const answer = await dispatch(backend, 'porthole:ports:who', { port: 70000 }, onFailure);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(calls).toEqual([]);
    expect(onFailure).not.toHaveBeenCalled();
  });

  test("the user's bad input is a coded answer, not a failure to report", async () => {
    const { backend } = backendThat(() => Promise.reject(new InputError('no such watch')));
    const onFailure = vi.fn();
    const answer = await dispatch(backend, 'porthole:ports:who', { port: 3000 }, onFailure);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'no such watch' },
    });
    expect(onFailure).not.toHaveBeenCalled();
  });

  test('a crash in the backend is `failed`, reported once, and never thrown', async () => {
    const boom = new Error('disk on fire');
    const { backend } = backendThat(() => Promise.reject(boom));
    const onFailure = vi.fn();
    const answer = await dispatch(backend, 'porthole:ports:who', { port: 3000 }, onFailure);
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(onFailure).toHaveBeenCalledExactlyOnceWith(boom);
  });
});
