// markAnswers: "who answers localhost" carries the port's problem when the answers disagree; vacancyText: down is not free.
import { describe, expect, test } from 'vitest';
import { watchProblem } from '../../../src-main/domain/problem-list.js';
import { conflictSeverity, problemSeverity } from '../../../src-main/domain/severity.js';
import { markAnswers, vacancyText } from '../../../src-renderer/lib/detail-view.js';
import { answer, conflict, socket, watchState, watchView } from '../views/fakes.js';

const node4 = socket({ localAddress: '127.0.0.1', pid: 4121, process: 'node' });
const python6 = socket({ family: 6, localAddress: '::1', pid: 5120, process: 'python3' });
const sockets = [node4, python6];

const v4 = (over: Parameters<typeof answer>[0] = {}) =>
  answer({ address: '127.0.0.1', family: 4, pid: 4121, ...over });
const v6 = (over: Parameters<typeof answer>[0] = {}) =>
  answer({ address: '::1', family: 6, pid: 5120, ...over });
const refused = { open: false, pid: null, error: 'ECONNREFUSED' } as const;

describe('markAnswers', () => {
  test('answers that agree are not marked and need no verdict', () => {
    const marks = markAnswers([v4(), v6({ pid: 4121 })], [], sockets);
    expect(marks.answers.map((a) => a.severity)).toEqual([null, null]);
    expect(marks.verdict).toBeNull();
    expect(marks.severity).toBeNull();
  });

  test('lists answers in the order clients try them: ::1 before 127.0.0.1', () => {
    const marks = markAnswers([v4(), v6({ pid: 4121 })], [], sockets);
    expect(marks.answers.map((a) => a.answer.address)).toEqual(['::1', '127.0.0.1']);
    expect(marks.answers[0]!.text).toContain('IPv6 (::1)');
  });

  test('two processes for two families: every answer carries the conflict severity, and the verdict names who clients get', () => {
    const shadowed = conflict({ pids: [4121, 5120] });
    const marks = markAnswers([v4(), v6()], [shadowed], sockets);
    expect(marks.answers.map((a) => a.severity)).toEqual([
      conflictSeverity(shadowed),
      conflictSeverity(shadowed),
    ]);
    expect(marks.severity).toBe(conflictSeverity(shadowed));
    expect(marks.verdict).toBe('localhost → ::1 first: python3 (PID 5120) answers, not node');
  });

  test('an answer from a listener no process is named for says who, by why', () => {
    const unnamed = v4({ pid: null, unattributedCause: 'other-user' });
    const marks = markAnswers([unnamed, v6()], [], sockets);
    expect(marks.answers.find((a) => a.answer === unnamed)?.text).toContain(
      'another user’s process (sudo would name it)',
    );
    expect(marks.verdict).toContain('not another user’s process (sudo would name it)');
  });

  test('a rival of the same name is told apart by its PID', () => {
    const twoNodes = [node4, { ...python6, process: 'node' }];
    const marks = markAnswers([v4(), v6()], [], twoNodes);
    expect(marks.verdict).toBe(
      'localhost → ::1 first: node (PID 5120) answers, not node (PID 4121)',
    );
  });

  test('the severity is the conflict’s, whatever it is: deliberate workers mark as info', () => {
    const shared = conflict({ kind: 'shared-port', deliberate: true, pids: [4121, 5120] });
    expect(conflictSeverity(shared)).toBe('info');
    const marks = markAnswers([v4(), v6()], [shared], sockets);
    expect(marks.answers.map((a) => a.severity)).toEqual(['info', 'info']);
  });

  test('a split seen before its conflict arrives is marked as a shadowed port', () => {
    const marks = markAnswers([v4(), v6()], [], sockets);
    expect(marks.severity).toBe(problemSeverity('shadowed'));
    expect(marks.answers.every((a) => a.severity === problemSeverity('shadowed'))).toBe(true);
  });

  test('conflicts of another protocol do not colour TCP answers', () => {
    const udp = conflict({ protocol: 'udp', kind: 'unexpected-owner', pids: [4121] });
    const marks = markAnswers([v4(), v6({ pid: 4121 })], [udp], sockets);
    expect(marks.severity).toBeNull();
  });

  test('::1 refused, 127.0.0.1 open: half-reachable, and clients that fall back reach IPv4', () => {
    const marks = markAnswers([v4(), v6(refused)], [], sockets);
    expect(marks.answers.map((a) => a.severity)).toEqual([
      problemSeverity('half-reachable'),
      problemSeverity('half-reachable'),
    ]);
    expect(marks.verdict).toBe(
      'localhost → ::1 first: no answer (ECONNREFUSED); clients that fall back to 127.0.0.1 get node (PID 4121)',
    );
  });

  test('127.0.0.1 refused, ::1 open: the verdict says IPv4 gets no answer', () => {
    const marks = markAnswers([v4(refused), v6()], [], sockets);
    expect(marks.verdict).toBe(
      'localhost → ::1 first: python3 (PID 5120) answers; 127.0.0.1 gets no answer (ECONNREFUSED)',
    );
    expect(marks.severity).toBe(problemSeverity('half-reachable'));
  });

  test('a refused family on a port with a conflict takes the conflict’s severity', () => {
    const wrong = conflict({ kind: 'unexpected-owner', pids: [4121] });
    const marks = markAnswers([v4(), v6(refused)], [wrong], sockets);
    expect(marks.severity).toBe(conflictSeverity(wrong));
  });

  test('answers that agree on an unexpected owner mark that owner’s answers', () => {
    const wrong = conflict({ kind: 'unexpected-owner', pids: [4121] });
    const marks = markAnswers([v4(), v6({ pid: 4121 })], [wrong], sockets);
    expect(marks.answers.map((a) => a.severity)).toEqual([
      conflictSeverity(wrong),
      conflictSeverity(wrong),
    ]);
    expect(marks.verdict).toBeNull();
  });

  test('nothing answering anywhere is closed, not a disagreement', () => {
    const marks = markAnswers([v4(refused), v6(refused)], [], sockets);
    expect(marks.severity).toBeNull();
    expect(marks.verdict).toBeNull();
    expect(markAnswers([], [], sockets).answers).toEqual([]);
  });
});

describe('vacancyText', () => {
  test('an unwatched empty port is free, in no colour', () => {
    expect(vacancyText(62893, undefined)).toEqual({
      text: 'Nobody listens on port 62893: it is free.',
      severity: null,
    });
  });

  test('a watched port that is up (between two looks) is still just free', () => {
    expect(vacancyText(3000, watchView()).severity).toBeNull();
  });

  test('a down watch says the port is down, with the watch problem’s severity and last holder', () => {
    const down = watchView(
      { id: 'w', target: { host: null, port: 62893 } },
      watchState({ status: 'down', owner: { pid: 4121, process: 'node' } }),
    );
    const problem = watchProblem(down);
    const vacancy = vacancyText(62893, down);
    expect(vacancy.severity).toBe(problem.severity);
    expect(vacancy.text).toBe(`Port 62893 is down: nobody listens on it. ${problem.message}`);
    expect(vacancy.text).toContain('node (PID 4121)');
    expect(vacancy.text).not.toContain('free');
  });
});
