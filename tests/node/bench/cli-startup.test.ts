// The bench's CLI start-up section: its command lines survive any path, and its ratios and table.
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

interface StartupResult {
  id: string;
  label: string;
  wallMs: number;
  cpuMs: number;
  samples: number;
}
/** bench/ is JavaScript type-checked on its own (tsconfig.bench.json): its shape is restated here. */
const { shellWord, startupCommands, ratio, startupTable, commandEnv, startupArgs } = (await import(
  new URL('../../../bench/cli-startup.js', import.meta.url).href
)) as {
  shellWord: (text: string) => string;
  startupCommands: (
    port: number,
    node?: string,
    bin?: string,
    againstBin?: string | null,
    againstConfig?: string | null,
  ) => { id: string; label: string; line: string }[];
  startupArgs: (args: string[]) => { againstBin: string | null; repeats: number };
  ratio: (results: StartupResult[], id: string, baseId: string) => number | null;
  startupTable: (section: {
    port: number;
    repeats: number;
    results: StartupResult[];
    unset?: string[];
  }) => string[];
  commandEnv: (
    base: NodeJS.ProcessEnv,
    extra: Record<string, string>,
  ) => { env: NodeJS.ProcessEnv; unset: string[] };
};

/** The Node rows and this build's porthole rows, in the order the bench runs them. */
const MEASURED = ['node', 'floor', 'who-floor', 'help', 'list', 'who', 'status'];

describe('command lines', () => {
  test('a path with spaces, quotes and $ reaches bash as one word, unexpanded', () => {
    const odd = '/tmp/it\'s $HOME `x` "y"/porthole.js';
    const result = spawnSync('bash', ['-c', `printf '%s\\n' ${shellWord(odd)}`], {
      encoding: 'utf8',
    });
    expect(result.stdout).toBe(`${odd}\n`);
  });

  test('node -e 0, the two floors, the three porthole commands on the port, lsof on the port and ss', () => {
    const commands = startupCommands(4321, '/usr/bin/node', '/x/bin/porthole.cjs');
    expect(commands.map((c) => c.id)).toEqual([...MEASURED, 'lsof', 'ss']);
    expect(commands.find((c) => c.id === 'floor')?.line).toMatch(
      /^'\/usr\/bin\/node' '.*\/bench\/proc-floor\.cjs'$/,
    );
    expect(commands.find((c) => c.id === 'who-floor')?.line).toMatch(
      /^'\/usr\/bin\/node' '.*\/bench\/who-floor\.cjs' 4321$/,
    );
    expect(commands.find((c) => c.id === 'who')?.line).toBe(
      "'/usr/bin/node' '/x/bin/porthole.cjs' who 4321 --json",
    );
    expect(commands.find((c) => c.id === 'lsof')?.line).toBe('lsof -nP -i :4321');
  });
});

describe('another build beside this one (--against)', () => {
  test("its three porthole commands join the rounds, on its own bin, labelled as the other's", () => {
    const commands = startupCommands(
      4321,
      '/usr/bin/node',
      '/x/bin/porthole.cjs',
      '/y/bin/porthole.cjs',
    );
    expect(commands.map((c) => c.id)).toEqual([
      ...MEASURED,
      'help-against',
      'list-against',
      'who-against',
      'lsof',
      'ss',
    ]);
    expect(commands.find((c) => c.id === 'who-against')).toEqual({
      id: 'who-against',
      label: 'porthole who 4321 --json (against)',
      line: "'/usr/bin/node' '/y/bin/porthole.cjs' who 4321 --json",
    });
    expect(commands.find((c) => c.id === 'who')?.line).toContain("'/x/bin/porthole.cjs'");
  });

  test("with a config folder of its own, the other build's commands run in it, this build's not", () => {
    const commands = startupCommands(4321, '/n', '/x', '/y', "/tmp/it's");
    expect(commands.find((c) => c.id === 'list-against')?.line).toBe(
      "PORTHOLE_CONFIG_DIR='/tmp/it'\\''s' '/n' '/y' list --json",
    );
    for (const c of commands.filter((c) => !c.id.endsWith('-against')))
      expect(c.line).not.toContain('PORTHOLE_CONFIG_DIR');
  });

  test('the table widens to its longest label', () => {
    const results = startupCommands(4321, '/n', '/x', '/y').map((c, i) => ({
      id: c.id,
      label: c.label,
      wallMs: 100 + i,
      cpuMs: 90,
      samples: 7,
    }));
    const lines = startupTable({ port: 4321, repeats: 7, results });
    const row = lines.find((l) => l.includes('(against)') && l.includes('who'))!;
    const header = lines.find((l) => l.trimStart().startsWith('command'))!;
    const wall = results.find((r) => r.id === 'who-against')!.wallMs.toFixed(1);
    // Columns line up: each row's wall cell ends where the header's "wall ms" does.
    expect(row.indexOf(wall) + wall.length).toBe(header.indexOf('wall ms') + 7);
  });

  test('arguments: a checkout that is built, odd repeats; anything else is a clear error', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    expect(startupArgs([])).toEqual({ againstBin: null, repeats: 7 });
    expect(startupArgs(['--against', root, '--repeats', '21']).againstBin).toBe(
      `${root}bin/porthole.cjs`,
    );
    expect(() => startupArgs(['--against', '/nonexistent'])).toThrow(/no \/nonexistent/);
    expect(() => startupArgs(['--repeats', '4'])).toThrow(/odd whole number/);
    expect(() => startupArgs(['--repeats', 'x'])).toThrow(/odd whole number/);
    expect(() => startupArgs(['--bogus'])).toThrow();
  });
});

describe("the measured commands' environment", () => {
  test('NODE_EXTRA_CA_CERTS is left out and named; the rest is kept, the extras added', () => {
    const base = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.crt', HOME: '/h' };
    const { env, unset } = commandEnv(base, { NO_COLOR: '1' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/h', NO_COLOR: '1' });
    expect(unset).toEqual(['NODE_EXTRA_CA_CERTS']);
    expect(base.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca.crt'); // the caller's is untouched
  });

  test('without it, nothing is named', () => {
    expect(commandEnv({ PATH: '/usr/bin' }, {}).unset).toEqual([]);
  });

  test('the commands it runs load no extra certificates', () => {
    const { env } = commandEnv({ ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent.pem' }, {});
    // With the variable set to a missing file, Node warns on stderr at start; without it, silence.
    const result = spawnSync(process.execPath, ['-e', '0'], { env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const control = spawnSync(process.execPath, ['-e', '0'], {
      env: { ...env, NODE_EXTRA_CA_CERTS: '/nonexistent.pem' },
      encoding: 'utf8',
    });
    expect(control.stderr).toContain('extra certs');
  });
});

describe('ratios and the table', () => {
  const results: StartupResult[] = [
    { id: 'node', label: 'node -e 0', wallMs: 100, cpuMs: 90, samples: 7 },
    { id: 'list', label: 'porthole list --json', wallMs: 150, cpuMs: 140, samples: 7 },
    { id: 'lsof', label: 'lsof', wallMs: 25, cpuMs: 10, samples: 7 },
  ];

  test('wall time over the base, null when the base was not measured', () => {
    expect(ratio(results, 'list', 'node')).toBeCloseTo(1.5);
    expect(ratio(results, 'list', 'lsof')).toBeCloseTo(6);
    expect(ratio(results, 'list', 'ss')).toBeNull();
  });

  test('one row per command with wall, cpu and each ratio', () => {
    const lines = startupTable({ port: 4321, repeats: 7, results });
    expect(lines[0]).toContain('median of 7');
    const row = lines.find((l) => l.includes('porthole list --json'));
    expect(
      row
        ?.split(/\s{2,}/)
        .filter(Boolean)
        .slice(1),
    ).toEqual(['150.0', '140.0', '1.50x', '6.00x', '-']);
    expect(lines.join('\n')).not.toContain('run without');
  });

  test('a variable left out of the runs is said under the title', () => {
    const lines = startupTable({ port: 4321, repeats: 7, results, unset: ['NODE_EXTRA_CA_CERTS'] });
    expect(lines[1]).toContain('run without NODE_EXTRA_CA_CERTS');
  });
});

describe('the floor scripts', () => {
  test('who-floor connects to 127.0.0.1 and ::1 on the port: open where this test listens', async () => {
    const server = net.createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    try {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(new URL('../../../bench/who-floor.cjs', import.meta.url)), String(port)],
        { encoding: 'utf8' },
      );
      const [, sockets, open, tried] = /^(\d+) sockets, (\d+)\/(\d+) open\n$/.exec(out) ?? [];
      expect(Number(sockets)).toBeGreaterThan(0);
      expect(Number(open)).toBe(1); // 127.0.0.1 answers, ::1 does not
      expect(Number(tried)).toBeGreaterThanOrEqual(2);
    } finally {
      server.close();
    }
  });

  test('reads the kernel tables and the fd links: it counts at least a socket this test holds', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(new URL('../../../bench/proc-floor.cjs', import.meta.url))],
        { encoding: 'utf8' },
      );
      const [, sockets, links] = /^(\d+) sockets, (\d+) socket fds\n$/.exec(out) ?? [];
      expect(Number(sockets)).toBeGreaterThan(0);
      expect(Number(links)).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});
