// Usage errors: exit 2 with a message on stderr that names the problem; help and version exit 0.
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterAll(cleanupConfigDirs);

describe('bad input exits 2 and says what is wrong', () => {
  test.each([
    [['who', '70000'], 'porthole: port 70000 is out of range (1-65535)'],
    [['who', 'abc'], 'porthole: "abc" is not a port'],
    [['watch'], "porthole: missing required argument 'target'"],
    [['--bogus'], "porthole: unknown option '--bogus'"],
    [['list', '--bogus'], "porthole: unknown option '--bogus'"],
    [['nope'], "porthole: unknown command 'nope'"],
    [['watch', '3000', '--interval', '0.1'], '--interval must be between 0.5 and 86400 seconds'],
    [['probe', 'localhost'], '"localhost" has no port'],
    [['free', '--near', 'x'], 'porthole: --near: "x" is not a port'],
    [['history', '--since', 'yesterday'], '"yesterday" is not a time'],
  ])('porthole %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args, freshConfigDir());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });
});

describe('help and version', () => {
  test('--help lists the commands and documents the exit codes', async () => {
    const { code, stdout } = await runCli(['--help'], freshConfigDir());
    expect(code).toBe(0);
    for (const name of ['list', 'who', 'conflicts', 'watch', 'probe', 'free', 'history'])
      expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toMatch(/^\s+4\s+sockets could not be collected/m);
  });

  test('each command has help with examples', async () => {
    for (const name of ['list', 'who', 'conflicts', 'watch', 'probe', 'free', 'history']) {
      const { code, stdout } = await runCli([name, '--help'], freshConfigDir());
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: porthole ${name}`);
      expect(stdout).toContain('Examples:');
    }
  });

  test('--json works before the command too', async () => {
    const { code, stdout } = await runCli(['--json', 'conflicts'], freshConfigDir());
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['conflicts']);
  });

  test('`porthole help` exits 0 with the help on stdout', async () => {
    const { code, stdout } = await runCli(['help'], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: porthole');
  });

  test('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version'], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
