// What commander gets for node:child_process in the bundle (src-main/cli/commander-child-process.cjs):
// Node's spawn, reached on the first call, with every argument passed through.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const shim = require('../../../src-main/cli/commander-child-process.cjs') as {
  spawn: typeof import('node:child_process').spawn;
};

test('spawn runs the command with its arguments and options, and returns the child', async () => {
  const child = shim.spawn(
    process.execPath,
    ['-e', 'process.stdout.write(process.argv[1] + process.env.SHIM_TEST)', 'from-args'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SHIM_TEST: '+env' } },
  );
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect(out).toBe('from-args+env');
});

test('a command that cannot start fails as Node reports it (an error event, ENOENT)', async () => {
  const child = shim.spawn('/nonexistent/porthole-test-binary', [], { stdio: 'ignore' });
  const [error] = (await once(child, 'error')) as [NodeJS.ErrnoException];
  expect(error.code).toBe('ENOENT');
});
