// Engine addresses as Docker writes them (`unix://…`, `tcp://…`, `npipe://…`), parsed into where
// node:http connects: a socket path (unix socket or Windows named pipe) or a plain-HTTP host and port.
import { echoInput } from '../errors.js';

/** Where node:http reaches an engine. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

/** An address string read, or why Porthole cannot use it (in words for `EngineStatus.reason`). */
export type ParsedAddress = { address: EngineAddress } | { problem: string };

export interface AddressContext {
  /** True when the user asked for TLS (DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, a context's TLS files). */
  tls: boolean;
}

const TLS_PROBLEM = 'TLS engines are not supported yet';

/**
 * Reads `unix:///run/docker.sock`, `tcp://host:2375` (plain HTTP only), `npipe:////./pipe/name`.
 * Never throws: anything else comes back as a problem in words.
 */
export function parseEngineAddress(raw: string, context: AddressContext): ParsedAddress {
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  const rest = scheme ? text.slice(scheme.length + 3) : '';
  switch (scheme) {
    case 'unix':
      return rest.startsWith('/')
        ? { address: { socketPath: rest } }
        : { problem: `${quote(text)} does not name an absolute socket path` };
    case 'npipe':
      return rest.length > 0
        ? { address: { socketPath: rest.replace(/\//g, '\\') } }
        : { problem: `${quote(text)} does not name a pipe` };
    case 'tcp':
    case 'http':
      if (context.tls) return { problem: TLS_PROBLEM };
      return parseHostPort(rest, text);
    case 'https':
      return { problem: TLS_PROBLEM };
    case 'ssh':
      return { problem: 'ssh:// engines are not supported yet: use a unix socket or tcp://' };
    default:
      return { problem: `${quote(text)} is not a unix://, tcp:// or npipe:// address` };
  }
}

function parseHostPort(rest: string, text: string): ParsedAddress {
  const hostPort = rest.replace(/\/.*$/, '');
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(hostPort);
  const host = match?.[1] ?? match?.[2];
  // Docker's own default for plain tcp:// without a port.
  const port = match?.[3] === undefined ? 2375 : Number(match[3]);
  if (!host || port < 1 || port > 65535) {
    return { problem: `${quote(text)} is not a valid tcp://host:port address` };
  }
  return { address: { host, port } };
}

/** The address as users write it, for `EngineStatus.endpoint`. */
export function addressText(address: EngineAddress): string {
  if ('host' in address) {
    const host = address.host.includes(':') ? `[${address.host}]` : address.host;
    return `tcp://${host}:${address.port}`;
  }
  if (address.socketPath.startsWith('\\\\')) {
    return `npipe://${address.socketPath.replace(/\\/g, '/')}`;
  }
  return `unix://${address.socketPath}`;
}

/** A pasted address repeated in an error: cut so a long value cannot flood the message. */
function quote(text: string): string {
  return JSON.stringify(echoInput(text));
}
