// One-line problem titles and commands from domain/problem-list.ts, and which problems the count includes.
import { describe, expect, test } from 'vitest';
import { buildProblems } from '../../../src-main/domain/problem-list.js';
import { countProblems } from '../../../src-main/domain/problems.js';
import { T0, conflict, exposedListener, watch, watchState } from '../electron/state.js';

const none = { conflicts: [], watches: [], sockets: [], acknowledgedExposures: [] };

describe('titles', () => {
  test('a down watch: port · down · who held it', () => {
    const state = { ...watchState('down', T0), owner: { pid: 4121, process: 'node' } };
    const [p] = buildProblems({ ...none, watches: [watch(62893, state)] });
    expect(p!.title).toBe('62893 · down · was node (PID 4121)');
    const [unknown] = buildProblems({ ...none, watches: [watch(62893, watchState('down', T0))] });
    expect(unknown!.title).toMatch(/^62893 · down/);
    const labelled = watch(9000, watchState('down', T0), {
      label: 'api',
      target: { host: 'db.local', port: 9000 },
    });
    expect(buildProblems({ ...none, watches: [labelled] })[0]!.title).toMatch(
      /^api \(db\.local:9000\) · down/,
    );
  });

  test("a conflict's title is its summary, its command the rule's", () => {
    const c = conflict(3000, {
      kind: 'shadowed',
      summary: '3000 · node (PID 1) on 127.0.0.1 · shadowed by python3 (PID 2) on ::1',
      command: "server.listen(3000, '::')",
    });
    const [p] = buildProblems({ ...none, conflicts: [c] });
    expect(p).toMatchObject({ title: c.summary, message: c.message, command: c.command });
  });

  test('an exposed port: port · owner · where, and the loopback command for a recognised server', () => {
    const sockets = [
      exposedListener(8000, { process: 'python3', pid: 7, command: 'python3 -m http.server 8000' }),
    ];
    const [p] = buildProblems({ ...none, sockets });
    expect(p!.title).toBe('8000 · python3 (PID 7) · reachable from other machines on 0.0.0.0');
    expect(p!.command).toBe('python3 -m http.server 8000 --bind 127.0.0.1');
  });

  test('an exposed port no process is named for: who holds it by why, a sentence starting with it', () => {
    const unnamed = (cause?: 'other-user' | 'kernel') =>
      buildProblems({
        ...none,
        sockets: [
          exposedListener(2024, {
            pid: null,
            process: null,
            command: null,
            ...(cause ? { unattributedCause: cause } : {}),
          }),
        ],
      })[0]!;
    const other = unnamed('other-user');
    expect(other.title).toBe(
      '2024 · another user’s process (sudo would name it) · reachable from other machines on 0.0.0.0',
    );
    expect(other.message).toMatch(/^Another user’s process \(sudo would name it\) listens on /);
    expect(unnamed('kernel').message).toMatch(
      /^The kernel or a process of another namespace listens/,
    );
    expect(unnamed().message).toMatch(/^An unknown process listens on every interface/);
  });
});

describe('countProblems', () => {
  test('hints and info are listed but not counted', () => {
    const source = {
      ...none,
      conflicts: [
        conflict(3000),
        conflict(8000, { kind: 'half-reachable' }),
        conflict(4100, { deliberate: true }),
      ],
    };
    expect(countProblems(source)).toBe(1);
    const listed = buildProblems(source);
    expect(listed.map((p) => p.severity)).toEqual(['warning', 'hint', 'info']);
  });
});
