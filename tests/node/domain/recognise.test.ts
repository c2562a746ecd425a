// Recognising servers from process name and command line, and the bind command each gets.
import { describe, expect, test } from 'vitest';
import { bindCommand, recogniseServer } from '../../../src-main/domain/recognise.js';
import { portSocket } from '../../helpers/port-socket.js';

const on = (process: string | null, command: string | null, localPort = 8000) =>
  portSocket({ process, command, localPort });

describe('recogniseServer', () => {
  test.each([
    ['python3', 'python3 -m http.server 8000 --bind 127.0.0.1', 'python-http-server'],
    ['python3', '/usr/bin/python3 manage.py runserver 8000', 'django'],
    ['node', 'node /app/node_modules/.bin/vite --port 5173', 'vite'],
    ['node', 'node /app/node_modules/vite/bin/vite.js', 'vite'],
    ['next-server', 'next-server (v14.2.3)', 'next'],
    ['node', 'node /app/node_modules/.bin/next dev', 'next'],
    ['ruby', 'ruby bin/rails server -p 3000', 'rails'],
    ['puma', 'puma 6.4.2 (tcp://127.0.0.1:3000) [app]', 'rails'],
    ['postgres', '/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main', 'postgres'],
    ['redis-server', 'redis-server 127.0.0.1:6379', 'redis'],
    ['docker-proxy', '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080', 'docker'],
    ['node', 'node server.js', 'node'],
  ])('%s «%s» is %s', (process, command, kind) => {
    expect(recogniseServer({ process, command })).toBe(kind);
  });

  test('unknown programs and unseen owners are not recognised', () => {
    expect(recogniseServer({ process: 'java', command: 'java -jar app.jar' })).toBeNull();
    expect(recogniseServer({ process: null, command: null })).toBeNull();
    // A word inside another word is not the tool.
    expect(recogniseServer({ process: 'python3', command: 'python3 invite.py' })).toBeNull();
  });
});

describe('bindCommand', () => {
  test('both families: the option of the very server that runs, with its port', () => {
    expect(bindCommand(on('python3', 'python3 -m http.server 8000'), 'both-families')).toBe(
      'python3 -m http.server 8000 --bind ::',
    );
    expect(bindCommand(on('node', 'node node_modules/.bin/vite', 5173), 'both-families')).toBe(
      'vite --port 5173 --host ::',
    );
    expect(bindCommand(on('node', 'node node_modules/.bin/next dev', 3000), 'both-families')).toBe(
      'next dev -p 3000 -H ::',
    );
    expect(bindCommand(on('node', 'node index.js', 3000), 'both-families')).toBe(
      "server.listen(3000, '::')",
    );
    expect(bindCommand(on('postgres', 'postgres -D /data', 5432), 'both-families')).toContain(
      "listen_addresses = '127.0.0.1,::1'",
    );
    expect(bindCommand(on('redis-server', 'redis-server *:6379', 6379), 'both-families')).toBe(
      'redis-cli CONFIG SET bind "127.0.0.1 ::1"',
    );
  });

  test('loopback only: the same servers bound to this machine', () => {
    expect(bindCommand(on('python3', 'python3 -m http.server 8000'), 'loopback-only')).toBe(
      'python3 -m http.server 8000 --bind 127.0.0.1',
    );
    expect(bindCommand(on('postgres', 'postgres', 5432), 'loopback-only')).toContain(
      "listen_addresses = 'localhost'",
    );
    expect(bindCommand(on('docker-proxy', 'docker-proxy', 8080), 'loopback-only')).toBe(
      'docker run -p 127.0.0.1:8080:8080 …',
    );
  });

  test('no command is made up for an unrecognised server', () => {
    expect(bindCommand(on('java', 'java -jar app.jar'), 'both-families')).toBeNull();
  });
});
