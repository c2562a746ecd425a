// Bare `porthole` and `porthole status`: one line of status, exit 0; `--help` still helps.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { holdSockets, stopAllHolders } from '../../helpers/sockets.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterEach(stopAllHolders);
afterAll(cleanupConfigDirs);

interface StatusJson {
  line: string;
  listening: number;
  problems: number;
  severities: Record<'error' | 'warning' | 'hint' | 'info', number>;
  watches: number;
  watchesDown: number;
}

describe('porthole with no command', () => {
  test('prints one status line and exits 0; --json gives the counts behind it', async () => {
    const dir = freshConfigDir();
    // Two saved watches: one held, one on a port nobody holds any more.
    const held = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const gone = await holdSockets({ listen: [{ host: '127.0.0.1' }] });
    const [heldPort, gonePort] = [held.sockets[0]!.port, gone.sockets[0]!.port];
    await gone.stop();
    for (const port of [heldPort, gonePort])
      await runCli(['watch', String(port), '--save', '--once'], dir);

    const bare = await runCli([], dir);
    expect(bare.code, bare.stderr).toBe(0);
    // Unprivileged, other users' sockets are warned about on stderr; nothing else goes there.
    for (const line of bare.stderr.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^porthole: warning: /);
    }
    expect(bare.stdout).toMatch(
      /^porthole: \d+ listening ports? · \d+ problems? \((\d+ (errors?|warnings?)(, )?)+\)( · \d+ for your information)? · 2 watches, 1 down\n$/,
    );

    const json = await runCli(['--json'], dir);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as StatusJson;
    expect(body).toMatchObject({ watches: 2, watchesDown: 1 });
    // The down watch is an error; the problems are the errors and warnings (hints and info only show).
    expect(body.severities.error).toBeGreaterThanOrEqual(1);
    expect(body.severities.error + body.severities.warning).toBe(body.problems);
    expect(body.listening).toBeGreaterThanOrEqual(1);

    const status = await runCli(['status'], dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^porthole: .* · 2 watches, 1 down\n$/);
  });

  test('--help still prints the help, which names the bare form', async () => {
    const { code, stdout } = await runCli(['--help'], freshConfigDir());
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: porthole');
    expect(stdout).toMatch(/^ {2}status\b/m);
    expect(stdout).toContain('Without a command');
  });

  test('an unknown command is still a usage error', async () => {
    const { code, stderr } = await runCli(['nope'], freshConfigDir());
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'nope'");
  });

  test.each([
    [['status', '3000'], 'too many arguments'],
    [['status', '--bogus'], "unknown option '--bogus'"],
    [['--jsn'], "unknown option '--jsn'"],
  ])('%j is a usage error with nothing on stdout', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args, freshConfigDir());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
