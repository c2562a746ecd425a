// The filter box's language: ports, :ports, names, PIDs, keywords, negation, and combinations (AND).
import { describe, expect, test } from 'vitest';
import { conflictIndex, filterSockets, parseFilter } from '../../../src-renderer/lib/filter.js';
import { conflict, connection, listener } from '../fakes.js';

const web = listener({ localPort: 3000, pid: 4121, process: 'node', command: 'node web.js' });
const exposedDb = listener({
  localPort: 5432,
  localAddress: '0.0.0.0',
  exposure: 'all-interfaces',
  pid: 900,
  process: 'postgres',
  command: '/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql',
  user: 'postgres',
});
const dns = listener({
  protocol: 'udp',
  localPort: 53,
  localAddress: '127.0.0.53',
  state: 'UNCONN',
  pid: 300,
  process: 'systemd-resolve',
  command: '/lib/systemd/systemd-resolved',
  user: 'systemd-resolve',
});
const v6 = listener({
  family: 6,
  localAddress: '::1',
  localPort: 62893,
  pid: 7000,
  process: 'vite',
  command: 'vite --port 62893',
});
const client = connection({ localPort: 51000, remotePort: 5432, pid: 4121, process: 'node' });
const all = [web, exposedDb, dns, v6, client];
const context = { conflicts: conflictIndex([conflict({ port: 3000 })]) };

function run(text: string) {
  return filterSockets(all, parseFilter(text).terms, context);
}

describe('parseFilter', () => {
  test('recognises each kind of term', () => {
    const { terms, errors } = parseFilter(
      '  62893 :3000 pid 4121 user:dev exposed listen node -udp ',
    );
    expect(errors).toEqual([]);
    expect(terms.map((t) => [t.kind, t.value, t.negate])).toEqual([
      ['number', 62893, false],
      ['port', 3000, false],
      ['pid', 4121, false],
      ['user', 'dev', false],
      ['keyword', 'exposed', false],
      ['keyword', 'listen', false],
      ['text', 'node', false],
      ['keyword', 'udp', true],
    ]);
  });

  test('an empty or blank filter has no terms', () => {
    expect(parseFilter('').terms).toEqual([]);
    expect(parseFilter('   \t ').terms).toEqual([]);
  });

  test('bad numbers are ignored with a message naming them', () => {
    const { terms, errors } = parseFilter(':70000 pid:abc 99999999999');
    expect(terms).toEqual([]);
    expect(errors).toEqual([
      'port 70000 is out of range (1-65535)',
      'pid "abc" is not a number',
      '99999999999 is neither a port (1-65535) nor a PID',
    ]);
  });

  test('synonyms and state names', () => {
    expect(parseFilter('IPv6 listening time-wait').terms.map((t) => t.value)).toEqual([
      'v6',
      'listen',
      'TIME_WAIT',
    ]);
  });
});

describe('filterSockets', () => {
  test('a bare number matches a local port, a remote port or a PID', () => {
    expect(run('62893')).toEqual([v6]);
    expect(run('5432')).toEqual([exposedDb, client]);
    expect(run('4121')).toEqual([web, client]);
  });

  test(':port matches ports only, never PIDs', () => {
    expect(run(':3000')).toEqual([web]);
    expect(run(':4121')).toEqual([]);
  });

  test('pid N and pid:N match the PID only', () => {
    expect(run('pid 900')).toEqual([exposedDb]);
    expect(run('pid:300')).toEqual([dns]);
  });

  test('a name matches the process or command, case-insensitively', () => {
    expect(run('POSTGRES')).toEqual([exposedDb]);
    expect(run('resolved')).toEqual([dns]);
  });

  test('keywords: exposed, udp, tcp, conflict, listen, v6', () => {
    expect(run('exposed')).toEqual([exposedDb]);
    expect(run('udp')).toEqual([dns]);
    expect(run('tcp')).toEqual([web, exposedDb, v6, client]);
    expect(run('conflict')).toEqual([web]);
    expect(run('listen')).toEqual([web, exposedDb, dns, v6]);
    expect(run('connection')).toEqual([client]);
    expect(run('v6')).toEqual([v6]);
  });

  test('conflict: the listeners a conflict names, never a connection on its port', () => {
    const shadow = listener({
      family: 6,
      localAddress: '::1',
      pid: 4200,
      process: 'python3',
      inode: 7,
    });
    const bystander = listener({ localAddress: '0.0.0.0', localPort: 3000, pid: 9, inode: 8 });
    const closeWait = connection({
      localPort: 3000,
      remotePort: 40000,
      state: 'CLOSE_WAIT',
      inode: 9,
    });
    const named = { conflicts: conflictIndex([conflict({ port: 3000, sockets: [web, shadow] })]) };
    const sockets = [web, shadow, bystander, closeWait];
    expect(filterSockets(sockets, parseFilter('conflict').terms, named)).toEqual([web, shadow]);
    // A conflict naming no socket stands for its port's listeners, still not its connections.
    expect(filterSockets(sockets, parseFilter('conflict').terms, context)).toEqual([
      web,
      shadow,
      bystander,
    ]);
  });

  test('terms combine with AND, and a minus excludes', () => {
    expect(run('node listen')).toEqual([web]);
    expect(run('tcp listen -exposed')).toEqual([web, v6]);
    expect(run('listen !tcp')).toEqual([dns]);
    expect(run('exposed udp')).toEqual([]);
  });

  test('unparseable terms are dropped, the rest still filters', () => {
    expect(run('udp :0')).toEqual([dns]);
  });

  test('a PID held by a forked worker matches through pids', () => {
    const shared = listener({ localPort: 8080, pid: 10, pids: [10, 11, 12] });
    expect(filterSockets([shared], parseFilter('pid 12').terms, context)).toEqual([shared]);
  });

  test('no term gives back the same list, so nothing below it recomputes', () => {
    expect(filterSockets(all, [], context)).toBe(all);
    expect(filterSockets(all, parseFilter('  ').terms, context)).toBe(all);
  });

  test('a name matches within one field, never across two', () => {
    const s = listener({ process: 'ab', command: 'cd', user: 'ef', localAddress: '127.0.0.1' });
    const match = (text: string) => filterSockets([s], parseFilter(text).terms, context);
    expect(match('ab')).toEqual([s]);
    expect(match('CD')).toEqual([s]);
    expect(match('bc')).toEqual([]);
    expect(match('1ab')).toEqual([]);
  });
});
