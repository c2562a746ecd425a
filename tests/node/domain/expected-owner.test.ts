// A watch's expectation: a process name, `container:NAME` or `image:NAME` (domain/expected-owner.ts).
import { describe, expect, test } from 'vitest';
import {
  expectedOwnerError,
  expectedOwnerText,
  matchesContainerTerm,
  matchesExpectedOwner,
  parseExpectedOwner,
} from '../../../src-main/domain/expected-owner.js';
import { watchInputSchema } from '../../../src-main/shared/contract.js';

const db = { name: 'db', image: 'docker.io/library/postgres:16.2' };

describe('reading an expectation', () => {
  test('process, container and image', () => {
    expect(parseExpectedOwner('node')).toEqual({ kind: 'process', name: 'node' });
    expect(parseExpectedOwner(' container: db ')).toEqual({ kind: 'container', name: 'db' });
    expect(parseExpectedOwner('Image:postgres')).toEqual({ kind: 'image', name: 'postgres' });
    expect(expectedOwnerText('container:db')).toBe('container db');
    expect(expectedOwnerText('node')).toBe('node');
  });

  test('a prefix without a name is a clear error', () => {
    expect(expectedOwnerError('container:')).toBe(
      '"container:" needs a container name after it, e.g. container:db',
    );
    expect(expectedOwnerError('image:  ')).toBe(
      '"image:" needs an image name after it, e.g. image:postgres',
    );
    expect(expectedOwnerError('node')).toBeNull();
    expect(expectedOwnerError(null)).toBeNull();
  });

  test("the contract's watch input refuses it with those words", () => {
    const bad = watchInputSchema.safeParse({ target: '5432', expect: 'container:' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('needs a container name');
    expect(watchInputSchema.safeParse({ target: '5432', expect: 'container:db' }).success).toBe(
      true,
    );
    expect(watchInputSchema.partial().safeParse({ expect: 'image:' }).success).toBe(false);
  });
});

describe('matching', () => {
  test('a container by name, an image by reference, untagged or short name', () => {
    expect(matchesContainerTerm('container', 'DB', db)).toBe(true);
    expect(matchesContainerTerm('container', '/db', db)).toBe(true);
    expect(matchesContainerTerm('container', 'd', db)).toBe(false);
    for (const want of [
      'postgres',
      'docker.io/library/postgres',
      'docker.io/library/postgres:16.2',
    ]) {
      expect(matchesContainerTerm('image', want, db), want).toBe(true);
    }
    expect(matchesContainerTerm('image', 'postgres:15', db)).toBe(false);
    expect(matchesContainerTerm('image', 'redis', db)).toBe(false);
  });

  test('container:NAME against the socket behind it', () => {
    const proxy = { process: 'docker-proxy', command: '/usr/sbin/docker-proxy' };
    expect(matchesExpectedOwner('container:db', { ...proxy, container: db })).toBe(true);
    expect(matchesExpectedOwner('container:web', { ...proxy, container: db })).toBe(false);
    expect(matchesExpectedOwner('image:postgres', { ...proxy, container: db })).toBe(true);
    // No container known: a forwarder (its engine may be down) or an unnamed owner may be it...
    expect(matchesExpectedOwner('container:db', proxy)).toBe(true);
    expect(matchesExpectedOwner('container:db', { ...proxy, container: null })).toBe(true);
    expect(matchesExpectedOwner('container:db', { process: null })).toBe(true);
    // ...any other process is not.
    expect(matchesExpectedOwner('container:db', { process: 'node', container: null })).toBe(false);
    expect(matchesExpectedOwner('image:postgres', { process: 'postgres' })).toBe(false);
  });

  test('process names as before', () => {
    expect(matchesExpectedOwner('node', { process: 'node' })).toBe(true);
    expect(matchesExpectedOwner('node', { process: 'python3' })).toBe(false);
    expect(
      matchesExpectedOwner('postgres', { process: null, command: '/usr/bin/postgres -D x' }),
    ).toBe(true);
  });
});
