import { describe, expect, test } from 'vitest';
import { watchOwnerText } from '../../../src-main/domain/watch-owner.js';
import { portSocket } from '../../helpers/port-socket.js';
import { T0, watch, watchState } from '../electron/state.js';

describe('a watch names its owner only while that process holds the port', () => {
  const { spec } = watch(3000, null);
  const node = portSocket({ localPort: 3000, pid: 4121, process: 'node' });

  test('holding the port: the owner as is', () => {
    expect(watchOwnerText(spec, watchState('up', T0), [node])).toBe('node (PID 4121)');
  });

  test('the PID holds no socket any more: "was …, exited"', () => {
    const other = portSocket({ localPort: 3000, pid: 5000, process: 'python3' });
    expect(watchOwnerText(spec, watchState('down', T0), [])).toBe('was node (PID 4121), exited');
    // Up again under another process while the state still names the old one.
    expect(watchOwnerText(spec, watchState('up', T0), [other])).toBe('was node (PID 4121), exited');
  });

  test('alive but no longer on this port: "stopped listening"', () => {
    const elsewhere = portSocket({ localPort: 8080, pid: 4121, process: 'node' });
    expect(watchOwnerText(spec, watchState('down', T0), [elsewhere])).toBe(
      'was node (PID 4121), stopped listening',
    );
  });

  test('nobody known, or no sockets yet', () => {
    expect(watchOwnerText(spec, watchState('up', T0, { owner: null }), [node])).toBeNull();
    expect(watchOwnerText(spec, null, [node])).toBeNull();
    expect(watchOwnerText(spec, watchState('up', T0), null)).toBe('node (PID 4121)');
    expect(watchOwnerText(spec, watchState('down', T0), null)).toBe('was node (PID 4121)');
  });
});
