// The exposure rule and the problem count every layer prints: one problem per exposed protocol+port.
import { describe, expect, test } from 'vitest';
import { classifyExposure, isExposed } from '../../../src-main/domain/exposure.js';
import {
  countProblems,
  downWatches,
  exposedPortKey,
  exposedPorts,
} from '../../../src-main/domain/problems.js';
import { portSocket } from '../../helpers/port-socket.js';
import { conflict, watch, watchState, T0 } from '../electron/state.js';

const onAll = (localAddress: string, over = {}) =>
  portSocket({ localAddress, localPort: 5432, exposure: classifyExposure(localAddress), ...over });

describe('isExposed', () => {
  test('listeners on every interface or a network address; not loopback, not connections', () => {
    expect(isExposed(onAll('0.0.0.0'))).toBe(true);
    expect(isExposed(onAll('::', { family: 6 }))).toBe(true);
    expect(isExposed(onAll('192.168.1.5'))).toBe(true);
    expect(isExposed(onAll('127.0.0.1'))).toBe(false);
    expect(isExposed(onAll('::1', { family: 6 }))).toBe(false);
    const connection = onAll('0.0.0.0', {
      state: 'ESTABLISHED',
      remoteAddress: '10.0.0.2',
      remotePort: 40000,
    });
    expect(isExposed(connection)).toBe(false);
  });
});

describe('exposedPorts', () => {
  test('0.0.0.0:5432 and :::5432 are one port; tcp and udp on one number are two', () => {
    const v4 = onAll('0.0.0.0');
    const v6 = onAll('::', { family: 6 });
    const udp = onAll('0.0.0.0', { protocol: 'udp' });
    const ports = exposedPorts([v4, v6, udp, onAll('127.0.0.1')]);
    expect(ports.map((p) => p.key)).toEqual(['tcp:5432', 'udp:5432']);
    expect(ports[0]?.sockets).toEqual([v4, v6]);
    expect(exposedPortKey(v6)).toBe('tcp:5432');
  });

  test('acknowledgements stay per binding: acknowledging both clears the port', () => {
    const v4 = onAll('0.0.0.0');
    const v6 = onAll('::', { family: 6 });
    expect(exposedPorts([v4, v6], ['tcp:0.0.0.0:5432'])[0]?.sockets).toEqual([v6]);
    expect(exposedPorts([v4, v6], ['tcp:0.0.0.0:5432', 'tcp::::5432'])).toEqual([]);
  });
});

describe('countProblems', () => {
  test('conflicts + down watches + exposed ports', () => {
    const source = {
      conflicts: [conflict(3000), conflict(4000)],
      watches: [watch(1, watchState('down', T0)), watch(2, watchState('up', T0)), watch(3, null)],
      sockets: [onAll('0.0.0.0'), onAll('::', { family: 6 }), onAll('127.0.0.1', { localPort: 1 })],
      acknowledgedExposures: [],
    };
    expect(downWatches(source.watches).map((w) => w.spec.id)).toEqual(['w-1']);
    expect(countProblems(source)).toBe(2 + 1 + 1);
    expect(countProblems({ ...source, conflicts: [], watches: [], sockets: [] })).toBe(0);
  });
});
