// The command cell's text: what the process is running, without the interpreter's path.
import { describe, expect, test } from 'vitest';
import { usefulCommand } from '../../../src-main/domain/useful-command.js';

describe('usefulCommand', () => {
  test.each([
    ['python3 -m http.server 3000', 'python3', '-m http.server 3000'],
    [
      '/usr/bin/python3 -u /srv/app/manage.py runserver 8000',
      'python3',
      'manage.py runserver 8000',
    ],
    ['node /home/u/app/node_modules/.bin/vite --port 5173', 'node', 'vite --port 5173'],
    ['node /home/u/app/node_modules/next/dist/bin/next.js dev', 'node', 'next dev'],
    ['/usr/local/bin/node --inspect -r ts-node/register src/server.ts', 'node', 'server.ts'],
    [
      'node -e require("http").createServer().listen(0)',
      'node',
      '-e require("http").createServer().listen(0)',
    ],
    [
      'java -Xmx512m -cp lib/* -jar /opt/shop/app.jar --server.port=8080',
      'java',
      '-jar app.jar --server.port=8080',
    ],
    ['java -Dx=1 -cp a.jar com.example.Main serve', 'java', 'com.example.Main serve'],
    [
      '/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main',
      'postgres',
      '-D /var/lib/postgresql/15/main',
    ],
    ['/lib/systemd/systemd-resolved', 'systemd-resolve', ''],
    ['npm run dev', 'node', 'npm run dev'],
    ['bun run dev', 'bun', 'run dev'],
  ])('%s (process %s) → %s', (command, process, expected) => {
    expect(usefulCommand(command, process)).toBe(expected);
  });

  test('unknown command stays unknown; an empty one is empty', () => {
    expect(usefulCommand(null, 'node')).toBeNull();
    expect(usefulCommand('   ', null)).toBe('');
  });

  test('without a process name the program is kept', () => {
    expect(usefulCommand('/usr/sbin/sshd -D', null)).toBe('sshd -D');
  });

  test('an interpreter with only options leaves nothing to show', () => {
    expect(usefulCommand('node --inspect', 'node')).toBe('');
  });
});
