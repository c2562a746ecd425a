// A port's quick-action words: the URL a browser opens and the command that stops its process.
import { expect, test } from 'vitest';
import { localUrl, stopCommand, stopOffText } from '../../../src-main/domain/port-actions.js';

test('localUrl and stopCommand name the port and the PID', () => {
  expect(localUrl(5173)).toBe('http://localhost:5173');
  expect(stopCommand(4121)).toBe('kill 4121');
});

test('stopOffText says how browser mode allows stopping, for processes and containers alike', () => {
  expect(stopOffText('containers', 'http')).toBe(
    'stopping containers is off in browser mode; restart with `porthole serve --allow-kill` to allow it',
  );
  expect(stopOffText('processes', 'ipc')).toBe('stopping processes is not allowed here');
});
