// Forwarders' targets read from real command-line forms: docker-proxy, socat, ssh -L, kubectl port-forward.
import { describe, expect, test } from 'vitest';
import {
  ForwardTargets,
  forwardRules,
  forwardsTo,
  forwarderParser,
} from '../../../../src-main/core/containers/forwarders.js';
import type { PortSocket } from '../../../../src-main/domain/model.js';
import { portSocket } from '../../../helpers/port-socket.js';

/** A listener of `process` running `command` on `port`. */
function held(
  process: string | null,
  command: string | null,
  port: number,
  over: Partial<PortSocket> = {},
): PortSocket {
  return portSocket({ process, command, localPort: port, pid: 700, ...over });
}

describe('docker-proxy', () => {
  const line =
    '/usr/sbin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 18081 -container-ip 172.17.0.3 -container-port 8080';

  test('forwards its host port to the container address and port', () => {
    expect(forwardsTo(held('docker-proxy', line, 18081))).toEqual({
      address: '172.17.0.3',
      port: 8080,
    });
  });

  test('only for its own protocol', () => {
    expect(forwardsTo(held('docker-proxy', line, 18081, { protocol: 'udp' }))).toBeNull();
    const udp = line.replace('-proto tcp', '-proto udp');
    expect(forwardsTo(held('docker-proxy', udp, 18081, { protocol: 'udp' }))).toEqual({
      address: '172.17.0.3',
      port: 8080,
    });
  });

  test('the IPv6 proxy, -flag=value and --flag forms', () => {
    const v6 =
      '/usr/sbin/docker-proxy -proto tcp -host-ip :: -host-port 18081 -container-ip fd00::3 -container-port 8080';
    expect(forwardsTo(held('docker-proxy', v6, 18081))).toEqual({ address: 'fd00::3', port: 8080 });
    const eq =
      'docker-proxy --proto=tcp --host-ip=127.0.0.1 --host-port=5000 -use-listen-fd -container-ip=10.88.0.2 -container-port=5432';
    expect(forwardsTo(held('docker-proxy', eq, 5000))).toEqual({
      address: '10.88.0.2',
      port: 5432,
    });
  });

  test('another port of the same process, or a line without the container, says nothing', () => {
    expect(forwardsTo(held('docker-proxy', line, 18082))).toBeNull();
    expect(
      forwardsTo(held('docker-proxy', '/usr/sbin/docker-proxy -proto tcp -host-port 1', 1)),
    ).toBeNull();
    expect(
      forwardsTo(
        held('docker-proxy', `${line.replace('-container-port 8080', '-container-port x')}`, 18081),
      ),
    ).toBeNull();
  });
});

describe('socat', () => {
  test('TCP-LISTEN to TCP, options after commas', () => {
    expect(
      forwardsTo(held('socat', 'socat TCP-LISTEN:8080,fork,reuseaddr TCP:10.0.0.2:80', 8080)),
    ).toEqual({ address: '10.0.0.2', port: 80 });
    expect(
      forwardsTo(
        held(
          'socat',
          'socat -d -d tcp-listen:8080,bind=127.0.0.1,fork tcp-connect:db.local:5432,connect-timeout=5',
          8080,
        ),
      ),
    ).toEqual({ address: 'db.local', port: 5432 });
  });

  test('TCP4/TCP6 listeners, bracketed IPv6 targets, OPENSSL, addresses in either order', () => {
    expect(forwardsTo(held('socat', 'socat TCP6-LISTEN:9000,fork TCP6:[::1]:80', 9000))).toEqual({
      address: '::1',
      port: 80,
    });
    expect(
      forwardsTo(
        held('socat', 'socat TCP4-LISTEN:8443,fork OPENSSL:api.example.com:443,verify=0', 8443),
      ),
    ).toEqual({ address: 'api.example.com', port: 443 });
    expect(forwardsTo(held('socat', 'socat TCP:10.0.0.9:22 TCP-LISTEN:2222', 2222))).toEqual({
      address: '10.0.0.9',
      port: 22,
    });
  });

  test('UDP-LISTEN forwards UDP only', () => {
    const line = '/usr/bin/socat UDP-LISTEN:5353,fork UDP:10.0.0.53:53';
    expect(forwardsTo(held('socat', line, 5353, { protocol: 'udp', state: 'UNCONN' }))).toEqual({
      address: '10.0.0.53',
      port: 53,
    });
    expect(forwardsTo(held('socat', line, 5353))).toBeNull();
  });

  test('targets that are not host:port say nothing', () => {
    expect(
      forwardsTo(held('socat', 'socat TCP-LISTEN:8080 UNIX-CONNECT:/run/app.sock', 8080)),
    ).toBeNull();
    expect(forwardsTo(held('socat', 'socat TCP-LISTEN:8080 EXEC:/bin/cat', 8080))).toBeNull();
    expect(forwardsTo(held('socat', 'socat - TCP:10.0.0.2:80', 8080))).toBeNull();
  });
});

describe('ssh -L', () => {
  test('port:host:hostport, picking the -L on the socket port among several', () => {
    const line = 'ssh -N -L 8080:localhost:80 -L 127.0.0.1:5433:db.internal:5432 bastion';
    expect(forwardsTo(held('ssh', line, 8080))).toEqual({ address: 'localhost', port: 80 });
    expect(forwardsTo(held('ssh', line, 5433))).toEqual({ address: 'db.internal', port: 5432 });
    expect(forwardsTo(held('ssh', line, 22))).toBeNull();
  });

  test('glued (-L8080:…), grouped (-fNL), bracketed IPv6, after the host', () => {
    expect(forwardsTo(held('ssh', 'ssh -L8080:localhost:80 host', 8080))).toEqual({
      address: 'localhost',
      port: 80,
    });
    expect(forwardsTo(held('ssh', 'ssh -fNL 9000:10.1.2.3:9000 user@host', 9000))).toEqual({
      address: '10.1.2.3',
      port: 9000,
    });
    expect(forwardsTo(held('ssh', 'ssh -L [::1]:8080:[fe80::1]:80 host', 8080))).toEqual({
      address: 'fe80::1',
      port: 80,
    });
    expect(forwardsTo(held('ssh', 'ssh host -L 7000:localhost:7001', 7000))).toEqual({
      address: 'localhost',
      port: 7001,
    });
  });

  test('the remote command, other options and unix-socket forwards are not -L targets', () => {
    expect(forwardsTo(held('ssh', 'ssh host tool -L 8080:localhost:80', 8080))).toBeNull();
    expect(forwardsTo(held('ssh', 'ssh -R 8080:localhost:80 -D 1080 host', 8080))).toBeNull();
    expect(forwardsTo(held('ssh', 'ssh -i /k -L 8080:/run/docker.sock host', 8080))).toBeNull();
    expect(forwardsTo(held('ssh', 'ssh -p 8080 host', 8080))).toBeNull();
  });
});

describe('kubectl port-forward', () => {
  test('TYPE/NAME and LOCAL:REMOTE, matched on the socket port', () => {
    const line = 'kubectl -n shop port-forward svc/web 8080:80 9090';
    expect(forwardsTo(held('kubectl', line, 8080))).toEqual({ address: 'svc/web', port: 80 });
    expect(forwardsTo(held('kubectl', line, 9090))).toEqual({ address: 'svc/web', port: 9090 });
    expect(forwardsTo(held('kubectl', line, 80))).toBeNull();
  });

  test('a bare NAME is a pod; flags with values before the resource are skipped', () => {
    const line =
      '/usr/local/bin/kubectl port-forward --address 0.0.0.0 --pod-running-timeout=2m api-7d9f 5005:5005';
    expect(forwardsTo(held('kubectl', line, 5005))).toEqual({
      address: 'pod/api-7d9f',
      port: 5005,
    });
  });

  test(':REMOTE (a port kubectl picks) matches any port when it is the only one', () => {
    const one = 'kubectl port-forward pod/db :5432';
    expect(forwardsTo(held('kubectl', one, 41234))).toEqual({ address: 'pod/db', port: 5432 });
    const two = 'kubectl port-forward pod/db :5432 :6379';
    expect(forwardsTo(held('kubectl', two, 41234))).toBeNull();
    const mixed = 'kubectl port-forward pod/db 8080:80 :5432';
    expect(forwardsTo(held('kubectl', mixed, 8080))).toEqual({ address: 'pod/db', port: 80 });
    expect(forwardsTo(held('kubectl', mixed, 41234))).toEqual({ address: 'pod/db', port: 5432 });
  });

  test('other kubectl commands say nothing', () => {
    expect(forwardsTo(held('kubectl', 'kubectl proxy --port 8001', 8001))).toBeNull();
  });
});

describe('which forwarders say', () => {
  test('engines whose command line does not say: null', () => {
    const lines: [string, string][] = [
      ['rootlessport', 'rootlessport'],
      ['conmon', '/usr/bin/conmon --api-version 1 -c 3f2a -u 3f2a -r /usr/bin/crun -p 8080:80'],
      ['dockerd', '/usr/bin/dockerd -H fd:// --userland-proxy=false'],
      ['vpnkit', 'vpnkit --ethernet fd:3 --port 8080:80'],
      ['wslrelay.exe', 'C:\\Windows\\System32\\lxss\\wslrelay.exe --mode 1 -L 8080:localhost:80'],
      ['com.docker.back', '/Applications/Docker.app/Contents/MacOS/com.docker.backend'],
    ];
    for (const [process, command] of lines) {
      expect(forwardRules(process, command), process).toEqual([]);
      expect(forwardsTo(held(process, command, 8080)), process).toBeNull();
    }
  });

  test('named by the process, else by the program it ran; .exe and paths stripped', () => {
    expect(forwarderParser('ssh.exe', undefined)).toBe('ssh');
    expect(forwarderParser(null, 'C:\\Program Files\\kubectl.exe')).toBe('kubectl');
    expect(forwarderParser('node', '/usr/bin/node')).toBeNull();
    // A program that is not ssh does not get ssh's parser because its arguments look like one.
    expect(forwardsTo(held('node', 'node tunnel.js -L 8080:localhost:80', 8080))).toBeNull();
  });

  test('no command line: null', () => {
    expect(forwardsTo(held('docker-proxy', null, 18081))).toBeNull();
  });
});

describe('ForwardTargets', () => {
  test('parses each (pid, command) once, re-parses when the command changes, forgets PIDs gone', () => {
    const targets = new ForwardTargets();
    const a = held('socat', 'socat TCP-LISTEN:8080 TCP:10.0.0.2:80', 8080, { pid: 1 });
    expect(targets.of(a)).toEqual({ address: '10.0.0.2', port: 80 });
    // Same PID, new command (the PID was reused): the new command line counts.
    const b = { ...a, command: 'socat TCP-LISTEN:8080 TCP:10.0.0.3:81' };
    expect(targets.of(b)).toEqual({ address: '10.0.0.3', port: 81 });
    targets.endPass();
    expect(targets.of(b)).toEqual({ address: '10.0.0.3', port: 81 });
  });

  test('connections of a forwarder get no target', () => {
    const targets = new ForwardTargets();
    const conn = held('socat', 'socat TCP-LISTEN:8080 TCP:10.0.0.2:80', 8080, {
      state: 'ESTABLISHED',
      remoteAddress: '127.0.0.1',
      remotePort: 50000,
    });
    expect(targets.of(conn)).toBeNull();
  });
});
