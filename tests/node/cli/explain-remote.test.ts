// `porthole explain` end to end against a real remote host: a network namespace on this machine
// (tests/helpers/netns.ts), reached over a veth pair. Refused, timed out (a DROP rule) and open.
import { randomInt } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, test } from 'vitest';
import { createNetns, type Netns } from '../../helpers/netns.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

interface ExplainJson {
  target: { host: string | null; port: number; protocol: string };
  verdict: string;
  findings: { check: string; status: string; message: string; fix: string | null }[];
}

const made = createNetns();
const ns: Netns | null = typeof made === 'string' ? null : made;
const skipReason = typeof made === 'string' ? made : '';
if (skipReason !== '') console.log(`explain-remote: skipped (${skipReason})`);

afterAll(async () => {
  await ns?.remove();
  cleanupConfigDirs();
});

/** Three different ports inside the namespace (nothing listens there unless a test starts it). */
const refusedPort = randomInt(20_000, 40_000);
const droppedPort = refusedPort + 1;
const openPort = refusedPort + 2;

async function explainJson(words: string[]): Promise<ExplainJson> {
  const { code, stdout, stderr } = await runCli(['explain', ...words, '--json'], freshConfigDir());
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as ExplainJson;
}

function remoteFinding(body: ExplainJson): ExplainJson['findings'][number] {
  const remote = body.findings.filter((f) => f.check === 'remote');
  expect(remote, JSON.stringify(body.findings)).toHaveLength(1);
  return remote[0]!;
}

/** Drops TCP to `port` inside the namespace: iptables, else nft. */
function dropInside(netns: Netns, port: number): void {
  try {
    netns.exec('iptables', ['-A', 'INPUT', '-p', 'tcp', '--dport', String(port), '-j', 'DROP']);
  } catch {
    netns.exec('nft', ['add', 'table', 'inet', 'porthole']);
    netns.exec('nft', [
      'add',
      'chain',
      'inet',
      'porthole',
      'input',
      '{ type filter hook input priority 0 ; }',
    ]);
    netns.exec('nft', [
      'add',
      'rule',
      'inet',
      'porthole',
      'input',
      'tcp',
      'dport',
      String(port),
      'drop',
    ]);
  }
}

describe.skipIf(ns === null)(
  `porthole explain against a remote host in a network namespace${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    test('curl refused by the remote: a remote problem, nothing listens there, named in the verdict', async () => {
      const host = ns!.remote;
      const body = await explainJson([
        `curl: (7) Failed to connect to ${host} port ${refusedPort} after 0 ms: Connection refused`,
      ]);
      expect(body.target).toEqual({ host, port: refusedPort, protocol: 'tcp' });
      const remote = remoteFinding(body);
      expect(remote.status).toBe('problem');
      expect(remote.message).toContain(`${host}:${refusedPort} was refused`);
      expect(remote.message).toContain(`nothing listens on port ${refusedPort}`);
      expect(remote.fix).toContain(`start the server on ${host}`);
      expect(body.verdict).toContain(`${host}:${refusedPort} was refused`);
    });

    test('a port the remote firewall drops: a remote problem that did not answer', async () => {
      const host = ns!.remote;
      dropInside(ns!, droppedPort);
      const body = await explainJson([`dial tcp ${host}:${droppedPort}: i/o timeout`]);
      expect(body.target).toEqual({ host, port: droppedPort, protocol: 'tcp' });
      const remote = remoteFinding(body);
      expect(remote.status).toBe('problem');
      expect(remote.message).toContain(`${host}:${droppedPort} did not answer`);
      expect(remote.fix).toContain(`lets TCP ${droppedPort} in`);
      expect(body.verdict).toContain(`${host}:${droppedPort} did not answer`);
    }, 30_000);

    test('a real listener in the namespace: remote ok, it accepts connections', async () => {
      const host = ns!.remote;
      const server = ns!.spawnInside(process.execPath, [
        '-e',
        `require('net').createServer((s) => s.destroy()).listen(${openPort}, ${JSON.stringify(host)}, () => console.log('ready'))`,
      ]);
      const lines = createInterface({ input: server.stdout! });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('listener not ready in 10 s')), 10_000);
        lines.on('line', (line) => {
          if (line === 'ready') {
            clearTimeout(timer);
            resolve();
          }
        });
        server.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`listener exited (${code}) before ready`));
        });
      });
      const body = await explainJson([`${host}:${openPort}`]);
      expect(body.target).toEqual({ host, port: openPort, protocol: 'tcp' });
      const remote = remoteFinding(body);
      expect(remote.status).toBe('ok');
      expect(remote.message).toContain(`${host}:${openPort} accepts connections now`);
      expect(body.findings.some((f) => f.status === 'problem' && f.check === 'remote')).toBe(false);
      lines.close();
    });
  },
);
