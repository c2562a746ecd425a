// `known-service`: well-known holders that surprise people (AirPlay Receiver, HTTP.sys…), each with its own fix.
import type { PortSocket } from '../../../domain/model.js';
import type { ExplainCheck, Finding } from '../check.js';
import { finding, ownerText, socketPids, targetListeners } from '../port-facts.js';

const NAME = 'known-service';

interface KnownService {
  platform: NodeJS.Platform;
  ports: readonly number[] | null;
  matches(s: PortSocket): boolean;
  what: string;
  fix: string;
}

export const KNOWN_SERVICES: readonly KnownService[] = [
  {
    platform: 'darwin',
    ports: [5000, 7000],
    matches: (s) => s.process === 'ControlCenter' || s.process === 'AirPlayXPCHelper',
    what: "macOS's AirPlay Receiver",
    fix: 'turn off System Settings → General → AirDrop & Handoff → AirPlay Receiver, or use another port',
  },
  {
    platform: 'win32',
    ports: null,
    matches: (s) => s.pid === 4,
    what: "Windows' HTTP.sys (the kernel's HTTP server, PID 4 System) on behalf of a service such as IIS, WinRM or a URL reservation",
    fix: 'run `netsh http show servicestate` as administrator to see which service registered the port, then stop that service (or use another port)',
  },
  {
    platform: 'linux',
    ports: [53],
    matches: (s) => s.process === 'systemd-resolve' || s.process === 'systemd-resolved',
    what: "systemd-resolved's stub DNS resolver",
    fix: 'set DNSStubListener=no in /etc/systemd/resolved.conf and restart systemd-resolved, or bind your DNS server to another address',
  },
  {
    platform: 'linux',
    ports: [631],
    matches: (s) => s.process === 'cupsd',
    what: 'the CUPS print server',
    fix: 'stop it with `sudo systemctl stop cups.socket cups`, or use another port',
  },
];

export const knownServiceCheck: ExplainCheck = {
  name: NAME,
  run(ctx): Promise<Finding[]> {
    const { port } = ctx.input.target;
    const findings: Finding[] = [];
    for (const service of KNOWN_SERVICES) {
      if (service.platform !== ctx.platform) continue;
      if (service.ports !== null && !service.ports.includes(port)) continue;
      const holders = targetListeners(ctx).filter((s) => service.matches(s));
      if (holders.length === 0) continue;
      const who = [...new Set(holders.map(ownerText))].join(', ');
      const status = ctx.input.situation === 'address-in-use' ? 'problem' : 'info';
      const message = `${port} is held by ${service.what}: ${who}.`;
      findings.push(finding(NAME, status, message, service.fix, holders.flatMap(socketPids)));
    }
    return Promise.resolve(findings);
  },
};
