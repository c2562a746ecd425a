// A port's quick-action words: the URL a browser opens and the command that stops its process.
import { expect, test } from 'vitest';
import { localUrl, stopCommand } from '../../../src-main/domain/port-actions.js';

test('localUrl and stopCommand name the port and the PID', () => {
  expect(localUrl(5173)).toBe('http://localhost:5173');
  expect(stopCommand(4121)).toBe('kill 4121');
});
