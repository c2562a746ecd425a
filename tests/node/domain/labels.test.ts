// Owner and watch names, the same words in every layer.
import { expect, test } from 'vitest';
import {
  formatProtocol,
  latencyText,
  ownerLabel,
  ownerOrUnknown,
  watchName,
} from '../../../src-main/domain/labels.js';

test('ownerLabel names the process and its PID, whichever is known', () => {
  expect(ownerLabel(4121, 'node')).toBe('node (PID 4121)');
  expect(ownerLabel(4121, null)).toBe('PID 4121');
  expect(ownerLabel(null, 'node')).toBe('node');
  expect(ownerLabel(null, null)).toBeNull();
  expect(ownerOrUnknown(null, null)).toBe('an unknown process');
  expect(ownerOrUnknown(7, 'pg')).toBe('pg (PID 7)');
});

test('watchName: the label with the target, else the target as the user writes it', () => {
  expect(watchName({ label: null, target: { host: null, port: 3000 } })).toBe('3000');
  expect(watchName({ label: 'db', target: { host: '::1', port: 5432 } })).toBe('db ([::1]:5432)');
  expect(watchName({ label: 'api', target: { host: null, port: 80 } }, 'port 80')).toBe(
    'api (port 80)',
  );
});

test('latencies: tenths below 10 ms, whole milliseconds above', () => {
  expect([0.34, 9.96, 12.4].map(latencyText)).toEqual(['0.3 ms', '10.0 ms', '12 ms']);
});

test('formatProtocol spells the protocol as netstat does', () => {
  expect(formatProtocol({ protocol: 'tcp', family: 6 })).toBe('tcp6');
  expect(formatProtocol({ protocol: 'udp', family: 4 })).toBe('udp');
});
