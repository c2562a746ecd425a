// Unit tests of process naming from comm/cmdline/exe, stat start times and passwd parsing.
import { describe, expect, test } from 'vitest';
import {
  parseCmdline,
  parseStartTime,
  processName,
  readProcessInfo,
  readUids,
} from '../../../../src-main/core/platform/proc-process-info.js';
import { nodeProcFs, type ProcFs } from '../../../../src-main/core/platform/proc-fs.js';
import { parsePasswd, UserNames } from '../../../../src-main/core/platform/user-names.js';

describe('processName', () => {
  test('a short comm is the whole name', () => {
    expect(processName('node', ['/usr/bin/node', 'server.js'])).toBe('node');
    expect(processName('postgres', ['postgres: checkpointer'])).toBe('postgres');
  });

  test('a comm cut at 15 characters is completed from argv[0]', () => {
    expect(
      processName('my-long-dev-ser', [
        '/home/dev/.local/bin/my-long-dev-server-binary',
        '--port',
        '3000',
      ]),
    ).toBe('my-long-dev-server-binary');
  });

  test('a relative argv[0] gives its base name, never the directory', () => {
    expect(processName('api-gateway', ['bin/api-gateway', '--port', '8080'])).toBe('api-gateway');
    expect(processName('a-very-long-pro', ['nametest/a-very-long-process-name25', 'x.mjs'])).toBe(
      'a-very-long-process-name25',
    );
  });

  test('names with spaces stay whole', () => {
    expect(processName('my server', ['./my server', '--listen', '::1'])).toBe('my server');
    expect(processName('my very long se', ['/opt/my very long server name'])).toBe(
      'my very long server name',
    );
  });

  test('a rewritten title in argv[0] loses to the executable name', () => {
    expect(
      processName(
        'my-long-dev-ser',
        ['my-long-dev-server-binary: worker 1'],
        '/usr/bin/my-long-dev-server-binary',
      ),
    ).toBe('my-long-dev-server-binary');
    expect(processName('my-long-dev-ser', [], '/usr/bin/my-long-dev-server-binary (deleted)')).toBe(
      'my-long-dev-server-binary',
    );
  });

  test('argv[0] that does not continue comm is ignored (symlinked or renamed binaries)', () => {
    expect(processName('a-very-long-pro', ['node', 'x.js'], '/usr/bin/node')).toBe(
      'a-very-long-pro',
    );
  });

  test('no comm falls back to argv[0], nothing at all is null', () => {
    expect(processName('', ['/usr/sbin/thing'])).toBe('thing');
    expect(processName('', [])).toBeNull();
  });
});

describe('parseStartTime', () => {
  test('reads field 22 even when the name has spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S';
    expect(parseStartTime(`1234 (my (odd) name) ${fields.join(' ')}`)).toBe(22);
  });

  test('garbage is null', () => {
    expect(parseStartTime('nothing here')).toBeNull();
    expect(parseStartTime('1 (x) S 1 2')).toBeNull();
  });
});

describe('uids from status', () => {
  const statusFs = (status: string | null): ProcFs => ({
    ...nodeProcFs,
    readTextSync(path) {
      if (status === null || !path.endsWith('/status')) throw new Error(`ENOENT: ${path}`);
      return status;
    },
  });

  test('all four slots of the Uid line: real, effective, saved, file-system; the real one is the user', () => {
    const fs = statusFs('Name:\tdaemon\nUid:\t0\t1000\t0\t1000\nGid:\t0\t0\t0\t0\n');
    expect(readUids(fs, '/proc', 7)).toEqual([0, 1000, 0, 1000]);
    expect(readProcessInfo(fs, '/proc', 7, 1).uid).toBe(0);
  });

  test('a gone process, or a status without a Uid line, has none', () => {
    expect(readUids(statusFs(null), '/proc', 7)).toEqual([]);
    expect(readUids(statusFs('Name:\tx\nUid:\tmany\n'), '/proc', 7)).toEqual([]);
    expect(readProcessInfo(statusFs('Name:\tx\n'), '/proc', 7, 1).uid).toBeNull();
  });

  test("this process's own status: its uid in every slot it has", () => {
    expect(readUids(nodeProcFs, '/proc', process.pid)).toContain(process.getuid?.());
  });
});

test('parseCmdline splits on NUL and drops the trailing ones', () => {
  expect(parseCmdline('node\0server.js\0--port\0\0')).toEqual(['node', 'server.js', '--port']);
  expect(parseCmdline('')).toEqual([]);
});

describe('user names', () => {
  const passwd =
    'root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\ndev:x:1000:1000::/home/dev:/bin/bash\n';

  test('parsePasswd maps uids to names and skips junk', () => {
    expect([...parsePasswd(passwd)]).toEqual([
      [0, 'root'],
      [1000, 'dev'],
    ]);
  });

  test('unknown uids come back as text; passwd is re-read for them at most once a minute', () => {
    let now = 0;
    let reads = 0;
    let text = passwd;
    const users = new UserNames(
      () => {
        reads += 1;
        return text;
      },
      () => now,
    );
    expect(users.nameOf(1000)).toBe('dev');
    expect(users.nameOf(0)).toBe('root');
    expect(reads).toBe(1);
    text += 'newbie:x:1001:1001::/home/newbie:/bin/sh\n';
    now = 10_000;
    expect(users.nameOf(1001)).toBe('1001');
    expect(reads).toBe(1);
    now = 61_000;
    expect(users.nameOf(1001)).toBe('newbie');
    expect(reads).toBe(2);
  });
});
