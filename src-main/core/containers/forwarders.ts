// Where a forwarder (docker-proxy, socat, ssh -L, kubectl port-forward) sends what it accepts, read
// from the command line the collector already has; nothing is ever run.
import { parsePortNumber } from '../../domain/endpoint.js';
import type { ForwardTarget } from '../../domain/container.js';
import { isListener, type PortSocket, type Protocol } from '../../domain/model.js';

/** One forward a command line sets up: the port it listens on and where it sends the traffic. */
export interface ForwardRule {
  /** null: the command line does not say (either protocol fits). */
  protocol: Protocol | null;
  /** The listening port; null when the forwarder picks one (kubectl `:80`, ssh `-L 0:…`). */
  port: number | null;
  target: ForwardTarget;
}

export type ForwarderParser = 'docker-proxy' | 'socat' | 'ssh' | 'kubectl';

const PARSERS: Record<ForwarderParser, (args: string[]) => ForwardRule[]> = {
  'docker-proxy': dockerProxyRules,
  socat: socatRules,
  ssh: sshRules,
  kubectl: kubectlRules,
};

function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.exe$/i, '');
}

/** Which parser reads this process's command line: by its name, else by the program it ran.
 *  rootlessport, conmon, dockerd, vpnkit, wslrelay, com.docker.backend: null (theirs says nothing). */
export function forwarderParser(
  process: string | null,
  argv0: string | undefined,
): ForwarderParser | null {
  for (const name of [process, argv0]) {
    if (!name) continue;
    const base = baseName(name);
    if (Object.hasOwn(PARSERS, base)) return base as ForwarderParser;
  }
  return null;
}

/** Every forward a forwarder's command line sets up; [] when it is not one or says nothing. */
export function forwardRules(process: string | null, command: string | null): ForwardRule[] {
  if (!command) return [];
  const [argv0, ...args] = command.trim().split(/\s+/);
  const parser = forwarderParser(process, argv0);
  return parser ? PARSERS[parser](args) : [];
}

/** The rule for a socket: the one on its port, else the only one whose port the forwarder picked. */
export function pickForward(
  rules: readonly ForwardRule[],
  socket: Pick<PortSocket, 'protocol' | 'localPort'>,
): ForwardTarget | null {
  const fit = rules.filter((r) => r.protocol === null || r.protocol === socket.protocol);
  const exact = fit.find((r) => r.port === socket.localPort);
  if (exact) return exact.target;
  const picked = fit.filter((r) => r.port === null);
  return picked.length === 1 ? picked[0]!.target : null;
}

/** Where a listener's process forwards what it accepts; null for anything else. */
export function forwardsTo(
  socket: Pick<PortSocket, 'process' | 'command' | 'protocol' | 'localPort'>,
): ForwardTarget | null {
  return pickForward(forwardRules(socket.process, socket.command), socket);
}

/** forwardsTo with each (pid, command) parsed once; PIDs not seen in a pass are forgotten. */
export class ForwardTargets {
  #byPid = new Map<number, { command: string | null; rules: ForwardRule[] }>();
  #seen = new Set<number>();

  /** The target of one socket (listeners only: a forwarder's connections are not what it forwards). */
  of(socket: PortSocket): ForwardTarget | null {
    if (!isListener(socket) || !socket.command) return null;
    if (socket.pid === null) return forwardsTo(socket);
    this.#seen.add(socket.pid);
    let entry = this.#byPid.get(socket.pid);
    if (!entry || entry.command !== socket.command) {
      entry = { command: socket.command, rules: forwardRules(socket.process, socket.command) };
      this.#byPid.set(socket.pid, entry);
    }
    return entry.rules.length === 0 ? null : pickForward(entry.rules, socket);
  }

  /** Ends a pass over a snapshot: forgets the PIDs it did not meet. */
  endPass(): void {
    for (const pid of this.#byPid.keys()) if (!this.#seen.has(pid)) this.#byPid.delete(pid);
    this.#seen.clear();
  }
}

function protocolOf(text: string | undefined): Protocol | null {
  const lower = text?.toLowerCase();
  return lower === 'tcp' || lower === 'udp' ? lower : null;
}

/** Port text to a port; 0 (the system picks) to null. */
function listenPort(text: string | undefined): number | null | undefined {
  if (text === undefined || text === '') return null;
  const port = parsePortNumber(text);
  return port === null ? undefined : port === 0 ? null : port;
}

/** Go's flag syntax: `-name value`, `--name value`, `-name=value`; a flag followed by a flag has no value. */
function goFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const token = args[i]!;
    if (!token.startsWith('-')) continue;
    const body = token.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) flags.set(body.slice(0, eq), body.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-'))
      flags.set(body, args[++i]!);
  }
  return flags;
}

/** `-proto tcp -host-ip 0.0.0.0 -host-port 18081 -container-ip 172.17.0.3 -container-port 8080`. */
function dockerProxyRules(args: string[]): ForwardRule[] {
  const flags = goFlags(args);
  const protocol = protocolOf(flags.get('proto') ?? 'tcp');
  const port = listenPort(flags.get('host-port'));
  const address = flags.get('container-ip');
  const targetPort = parsePortNumber(flags.get('container-port'));
  if (!protocol || port === undefined || !address || !targetPort) return [];
  return [{ protocol, port, target: { address: unbracket(address), port: targetPort } }];
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Splits `a:b:[::1]:c` at the delimiters outside brackets, brackets removed. */
function splitFields(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let inBracket = false;
  for (const ch of text) {
    if (ch === '[' && !inBracket) inBracket = true;
    else if (ch === ']' && inBracket) inBracket = false;
    else if (ch === delimiter && !inBracket) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** `host:port` (`[::1]:80`) to a target; null when either part is missing. */
function hostPort(text: string): ForwardTarget | null {
  const fields = splitFields(text, ':');
  if (fields.length !== 2 || !fields[0]) return null;
  const port = parsePortNumber(fields[1]);
  return port ? { address: fields[0], port } : null;
}

const SOCAT_LISTEN = /^(tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl)-(listen|l|recvfrom|recv)$/;
const SOCAT_CONNECT = /^(tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl)(-connect|-sendto)?$/;

/** socat's two addresses are its last two arguments, the listening one first or second. */
function socatRules(args: string[]): ForwardRule[] {
  if (args.length < 2) return [];
  const [a, b] = args.slice(-2) as [string, string];
  for (const [listen, connect] of [
    [a, b],
    [b, a],
  ] as const) {
    const [keyword = '', rest = ''] = splitOnce(listen, ':');
    const kind = SOCAT_LISTEN.exec(keyword.toLowerCase());
    if (!kind) continue;
    const port = listenPort(rest.split(',')[0]);
    const [targetKind = '', targetRest = ''] = splitOnce(connect, ':');
    const target = SOCAT_CONNECT.test(targetKind.toLowerCase())
      ? hostPort(targetRest.split(',')[0]!)
      : null;
    if (port === undefined || !target) return [];
    const protocol = kind[1]!.startsWith('udp') ? 'udp' : 'tcp';
    return [{ protocol, port, target }];
  }
  return [];
}

function splitOnce(text: string, delimiter: string): [string, string] {
  const at = text.indexOf(delimiter);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** ssh's options that take an argument (OpenSSH 9's getopt string). */
const SSH_WITH_ARGUMENT = new Set('BbcDEeFIiJLlmOoPpQRSWw');

/** Every `-L` of an ssh command line, getopt style: grouped (`-fNL`), glued (`-L8080:…`), also after the host. */
function sshRules(args: string[]): ForwardRule[] {
  const rules: ForwardRule[] = [];
  let hostSeen = false;
  for (let i = 0; i < args.length; i += 1) {
    const token = args[i]!;
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') {
      // ssh reads options after the host too, up to the remote command.
      if (hostSeen) break;
      hostSeen = true;
      continue;
    }
    for (let k = 1; k < token.length; k += 1) {
      if (!SSH_WITH_ARGUMENT.has(token[k]!)) continue;
      const value = k + 1 < token.length ? token.slice(k + 1) : args[++i];
      const rule = token[k] === 'L' && value !== undefined ? sshLocalForward(value) : null;
      if (rule) rules.push(rule);
      break;
    }
  }
  return rules;
}

/** `[bind_address:]port:host:hostport` (IPv6 in brackets); unix-socket forms say no address and port. */
function sshLocalForward(spec: string): ForwardRule | null {
  const fields = splitFields(spec, ':');
  if (fields.length !== 3 && fields.length !== 4) return null;
  const [port, host, hostport] = fields.slice(-3) as [string, string, string];
  const local = listenPort(port);
  const targetPort = parsePortNumber(hostport);
  if (local === undefined || port === '' || !host || !targetPort) return null;
  return { protocol: 'tcp', port: local, target: { address: host, port: targetPort } };
}

/** kubectl flags that take a value (port-forward's and the global ones). */
const KUBECTL_WITH_VALUE = new Set([
  '-n',
  '--namespace',
  '--address',
  '--pod-running-timeout',
  '--context',
  '--kubeconfig',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--token',
  '--as',
  '--as-group',
  '--as-uid',
  '--request-timeout',
  '--cache-dir',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '--tls-server-name',
  '-v',
  '--v',
  '--vmodule',
  '--profile',
  '--profile-output',
]);

/** `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…`: target `pod/NAME` (a bare NAME is a pod). */
function kubectlRules(args: string[]): ForwardRule[] {
  const at = args.indexOf('port-forward');
  if (at < 0) return [];
  const positional: string[] = [];
  for (let i = at + 1; i < args.length; i += 1) {
    const token = args[i]!;
    if (token === '--') continue;
    if (!token.startsWith('-')) positional.push(token);
    else if (!token.includes('=') && KUBECTL_WITH_VALUE.has(token)) i += 1;
  }
  const [resource, ...specs] = positional;
  if (!resource) return [];
  const address = resource.includes('/') ? resource : `pod/${resource}`;
  const rules: ForwardRule[] = [];
  for (const spec of specs) {
    const [localText, remoteText] = spec.includes(':') ? splitOnce(spec, ':') : [spec, spec];
    const local = listenPort(localText);
    const remote = parsePortNumber(remoteText);
    if (local !== undefined && remote)
      rules.push({ protocol: 'tcp', port: local, target: { address, port: remote } });
  }
  return rules;
}
