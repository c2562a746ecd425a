// Why a watched port went down: the finding a down notice, event and History lead with.
import { describe, expect, test } from 'vitest';
import type { ContainerRef } from '../../../src-main/domain/container.js';
import type { PortSocket } from '../../../src-main/domain/model.js';
import { downCause, type DownFacts } from '../../../src-main/domain/down-cause.js';
import { containerRef, portSocket } from '../../helpers/port-socket.js';

const NODE = { pid: 4121, process: 'node' };
const DB: ContainerRef = containerRef();

/** The check went to 127.0.0.1 and ::1 (a bare-port watch): loopback and wildcard binds are reached. */
const loopbackCheck = (s: PortSocket): boolean =>
  ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(s.localAddress);

function facts(over: Partial<DownFacts>): DownFacts {
  return {
    port: 3000,
    owner: NODE,
    sockets: [],
    alive: false,
    error: 'ECONNREFUSED',
    reached: loopbackCheck,
    ...over,
  };
}

describe('downCause', () => {
  test('the process is gone: "exited", and the fix starts it again', () => {
    expect(downCause(facts({}))).toEqual({
      kind: 'exited',
      text: 'node (PID 4121) exited',
      fix: 'Start it again.',
    });
  });

  test('it runs but holds the port nowhere: "stopped listening but still runs"', () => {
    const elsewhere = portSocket({ localPort: 9229 });
    const cause = downCause(facts({ alive: true, sockets: [elsewhere] }));
    expect(cause?.kind).toBe('stopped-listening');
    expect(cause?.text).toBe('node (PID 4121) stopped listening but still runs');
  });

  test('liveness unknown: a PID that holds no socket counts as exited, one that holds any still runs', () => {
    expect(downCause(facts({ alive: null, sockets: [] }))?.kind).toBe('exited');
    const other = portSocket({ localPort: 9229 });
    expect(downCause(facts({ alive: null, sockets: [other] }))?.kind).toBe('stopped-listening');
    expect(downCause(facts({ alive: null, sockets: null }))).toBeNull();
  });

  test('it listens on the port where the check does not go: "now listens only on [::1]:3000"', () => {
    const v6 = portSocket({ localAddress: '::1', family: 6 });
    const cause = downCause(
      facts({ alive: true, sockets: [v6], reached: (s) => s.localAddress === '127.0.0.1' }),
    );
    expect(cause).toEqual({
      kind: 'moved',
      text: 'node (PID 4121) now listens only on [::1]:3000',
      fix: 'Watch [::1]:3000 instead, or have the server listen where the watch looks.',
    });
  });

  test('it listens where the check goes but the check timed out: "does not answer"', () => {
    const cause = downCause(
      facts({ alive: true, sockets: [portSocket({})], error: 'timed out after 1000 ms' }),
    );
    expect(cause?.kind).toBe('not-answering');
    expect(cause?.text).toBe('node (PID 4121) still listens but does not answer');
  });

  test('a refused check against a snapshot that still shows it there says nothing (not refreshed yet)', () => {
    expect(downCause(facts({ alive: true, sockets: [portSocket({})] }))).toBeNull();
  });

  test("a container's owner: the container stopped, and the fix is the engine's start command", () => {
    const cause = downCause(facts({ port: 5432, owner: { ...NODE, container: DB } }));
    expect(cause?.text).toBe('postgres (container db) stopped');
    expect(cause?.fix).toBe('Start the container again (docker start db).');
  });

  test('no owner, or an owner without a PID: no cause', () => {
    expect(downCause(facts({ owner: null }))).toBeNull();
    expect(downCause(facts({ owner: { pid: null, process: 'node' } }))).toBeNull();
  });

  test("forked workers: a worker PID among the listener's PIDs still counts as listening", () => {
    const shared = portSocket({ localAddress: '::1', family: 6, pid: 1, pids: [1, 4121] });
    const cause = downCause(facts({ alive: true, sockets: [shared], reached: () => false }));
    expect(cause?.kind).toBe('moved');
  });
});
