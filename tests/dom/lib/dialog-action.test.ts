// DialogAction: what a confirming dialog sends — once at a time, never again after an answer.
import { describe, expect, test, vi } from 'vitest';
import { DialogAction } from '../../../src-renderer/lib/dialog-action.svelte.js';

describe('DialogAction', () => {
  test('a second confirm while the first is on its way, or after the answer, sends nothing', async () => {
    const action = new DialogAction<{ ok: boolean; message: string }>();
    let answer: (v: { ok: boolean; message: string }) => void = () => {};
    const send = vi.fn(() => new Promise<{ ok: boolean; message: string }>((r) => (answer = r)));
    const after = vi.fn();
    const first = action.run(send, after);
    expect(action.busy).toBe(true);
    await action.run(send, after);
    answer({ ok: true, message: 'node (PID 7) stopped.' });
    await first;
    await action.run(send, after);
    expect(send).toHaveBeenCalledTimes(1);
    expect(action.busy).toBe(false);
    expect(action.result).toEqual({ ok: true, message: 'node (PID 7) stopped.' });
    expect(after).toHaveBeenCalledTimes(1);
  });

  test('a request that fails keeps its words and may be sent again', async () => {
    const action = new DialogAction<{ ok: boolean; message: string }>();
    await action.run(() => Promise.reject(new Error('kill is not allowed here')));
    expect(action.error).toBe('kill is not allowed here');
    expect(action.result).toBeNull();
    await action.run(() => Promise.resolve({ ok: false, message: 'refused: PID 1' }));
    expect(action.error).toBeNull();
    expect(action.result?.message).toBe('refused: PID 1');
  });
});
