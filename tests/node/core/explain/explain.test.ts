// The runner: findings ordered problems first, the verdict picked per situation, a failing check skipped.
import { describe, expect, test } from 'vitest';
import type { ExplainCheck, Finding } from '../../../../src-main/core/explain/check.js';
import { explain } from '../../../../src-main/core/explain/explain.js';
import { CHECKS } from '../../../../src-main/core/explain/index.js';
import { portSocket } from '../../../helpers/port-socket.js';
import { fakeContext } from './fake-context.js';

const says = (check: string, status: Finding['status'], message: string): ExplainCheck => ({
  name: check,
  run: () => Promise.resolve([{ check, status, message, fix: null, pids: [] }]),
});

describe('explain runner', () => {
  test('the --json shape, field names exactly', async () => {
    const ctx = fakeContext('connect ECONNREFUSED 127.0.0.1:3000', []);
    const result = await explain(ctx.input, ctx, CHECKS);
    expect(Object.keys(result)).toEqual(['input', 'target', 'situation', 'verdict', 'findings']);
    expect(result.input).toBe('connect ECONNREFUSED 127.0.0.1:3000');
    expect(result.target).toEqual({ host: '127.0.0.1', port: 3000, protocol: 'tcp' });
    expect(result.situation).toBe('connect-refused');
    for (const f of result.findings)
      expect(Object.keys(f)).toEqual(['check', 'status', 'message', 'fix', 'pids']);
  });

  test('problems first, then info, ok, skipped; order within a status kept', async () => {
    const ctx = fakeContext('3000', []);
    const result = await explain(ctx.input, ctx, [
      says('a', 'skipped', 'A.'),
      says('b', 'ok', 'B.'),
      says('c', 'problem', 'C.'),
      says('d', 'info', 'D.'),
      says('e', 'problem', 'E.'),
    ]);
    expect(result.findings.map((f) => f.check)).toEqual(['c', 'e', 'd', 'b', 'a']);
  });

  test('the verdict is the problem that matters most for the situation', async () => {
    const ctx = fakeContext('listen EADDRINUSE: address already in use :::3000', []);
    const result = await explain(ctx.input, ctx, [
      says('listening', 'problem', 'Listening says. More.'),
      says('holder', 'problem', 'node (PID 1) holds it. Second sentence.'),
    ]);
    expect(result.verdict).toBe('node (PID 1) holds it.');
  });

  test('a refused connection to a server on the other family: the verdict names it with its PID', async () => {
    const vite = portSocket({ localAddress: '::1', family: 6, pid: 5120, process: 'vite' });
    const ctx = fakeContext('connect ECONNREFUSED 127.0.0.1:3000', [vite]);
    const result = await explain(ctx.input, ctx, CHECKS);
    expect(result.verdict).toBe(
      'Your client went to 127.0.0.1, the server listens only on [::1] (vite, PID 5120).',
    );
  });

  test('nothing wrong: a clear all-clear sentence', async () => {
    const ctx = fakeContext('127.0.0.1:3000', [portSocket()]);
    const result = await explain(ctx.input, ctx, CHECKS);
    expect(result.findings.some((f) => f.status === 'problem')).toBe(false);
    expect(result.verdict).toMatch(/^Nothing wrong found with 127\.0\.0\.1:3000: /);
  });

  test('a check that throws becomes skipped, the rest still run', async () => {
    const ctx = fakeContext('3000', []);
    const broken: ExplainCheck = { name: 'broken', run: () => Promise.reject(new Error('boom')) };
    const result = await explain(ctx.input, ctx, [broken, says('b', 'ok', 'Fine.')]);
    expect(result.findings).toEqual([
      { check: 'b', status: 'ok', message: 'Fine.', fix: null, pids: [] },
      {
        check: 'broken',
        status: 'skipped',
        message: 'this check failed: boom',
        fix: null,
        pids: [],
      },
    ]);
  });

  test('an all-clear names the finding that matters for the situation', async () => {
    const ctx = fakeContext('listen EADDRINUSE: address already in use :::3000', []);
    const result = await explain(ctx.input, ctx, [
      says('listening', 'info', 'Nothing listens.'),
      says('holder', 'info', 'No listener holds it now.'),
    ]);
    expect(result.verdict).toBe('Nothing wrong found with [::]:3000: no listener holds it now.');
  });
});
