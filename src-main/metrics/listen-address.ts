// `--listen HOST:PORT` for `porthole metrics`: parsed, checked for loopback, and its /metrics URL.
import { ipFamily } from '../domain/ip-address.js';
import { formatEndpoint, isLoopback } from '../domain/endpoint.js';
import { InputError, echoInput } from '../core/errors.js';
import { normalizeAddress } from '../core/platform/address.js';

export interface ListenAddress {
  /** An IP address as Node's listen takes it: `127.0.0.1`, `::1`, `0.0.0.0`, `::`. */
  host: string;
  /** 0: a free port, chosen when binding. */
  port: number;
  /** Only this machine can connect: no token needed. */
  loopback: boolean;
}

const HOW = 'write HOST:PORT with an IP address, e.g. 127.0.0.1:9464, [::1]:9464 or 0.0.0.0:9464';

/** `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` (= 127.0.0.1), `0.0.0.0:0` (a free port). */
export function parseListenAddress(text: string): ListenAddress {
  const input = text.trim();
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(input);
  if (!match) throw new InputError(`--listen "${echoInput(input)}" is not HOST:PORT: ${HOW}`);
  const hostText = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port > 65535) throw new InputError(`--listen: port ${port} is out of range (0-65535)`);
  const host = hostText.toLowerCase() === 'localhost' ? '127.0.0.1' : hostText;
  const normalized = ipFamily(host) === 0 ? null : normalizeAddress(host);
  if (!normalized) {
    throw new InputError(`--listen "${echoInput(input)}" does not name an IP address: ${HOW}`);
  }
  return { host: normalized.address, port, loopback: isLoopback(normalized.address) };
}

/** `http://127.0.0.1:9464/metrics`, `http://[::1]:9464/metrics`: what a scrape config names. */
export function metricsUrl(host: string, port: number): string {
  return `http://${formatEndpoint(host, port)}/metrics`;
}
