import { describe, expect, test } from 'vitest';
import { countProblems } from '../../../src-main/domain/problems.js';
import { statusCounts, statusLine } from '../../../src-main/domain/status-line.js';
import { portSocket } from '../../helpers/port-socket.js';
import { conflict, exposedListener, T0, watch, watchState } from '../electron/state.js';

describe('the one-line status', () => {
  test('counts listening ports once per protocol and port, problems by severity, watches down', () => {
    const source = {
      sockets: [
        portSocket({ localPort: 3000 }),
        portSocket({ localPort: 3000, family: 6, localAddress: '::1' }),
        portSocket({ localPort: 4000, state: 'ESTABLISHED', remoteAddress: '127.0.0.1' }),
        exposedListener(5432),
      ],
      conflicts: [
        conflict(3000, { kind: 'shadowed' }),
        conflict(4100, { kind: 'shared-port', deliberate: true }),
      ],
      watches: [
        watch(62893, watchState('down', T0)),
        watch(3000, watchState('up', T0)),
        watch(9000, null),
      ],
      acknowledgedExposures: [],
    };
    const counts = statusCounts(source);
    expect(counts).toEqual({
      listening: 2,
      problems: 3,
      severities: { error: 1, warning: 2, hint: 0, info: 1 },
      watches: 3,
      watchesDown: 1,
    });
    // The same problem count as the tray's and the window's.
    expect(counts.problems).toBe(countProblems(source));
    expect(statusLine(counts)).toBe(
      '2 listening ports · 3 problems (1 error, 2 warnings) · 1 for your information · 3 watches, 1 down',
    );
  });

  test('nothing wrong and no watches', () => {
    const counts = statusCounts({
      sockets: [portSocket()],
      conflicts: [],
      watches: [],
      acknowledgedExposures: [],
    });
    expect(statusLine(counts)).toBe('1 listening port · no problems');
  });
});
