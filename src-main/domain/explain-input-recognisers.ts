// Node-free table of error-message recognisers for `porthole explain`: one entry per message family.
import type { Protocol } from './model.js';
import {
  type Endpoint,
  normaliseHost,
  portNumber,
  readEndpoint,
  splitHostPort,
} from './explain-input-address.js';
import type { ExplainSituation } from './explain-input.js';
import { classify } from './explain-input-reasons.js';

/** What one recogniser read: port null means it knew the situation but the line names no port. */
export interface Reading {
  /** null: a failure Porthole has no situation for (EADDRNOTAVAIL); the endpoint is still checked. */
  situation: ExplainSituation | null;
  host: string | null;
  port: number | null;
  protocol?: Protocol;
  /** The port is the tool's default, not printed in the message (MySQL's 3306). */
  assumedPort?: boolean;
  /** What to add when the port is missing, in the tool's own terms. */
  hint?: string;
}

/**
 * One message family. Every pattern is linear: a literal anchor and bounded character classes,
 * no nested quantifiers, so hostile input cannot make matching slow. `lines` > 1 lets a pattern
 * read a message that tools wrap over several lines (joined with single spaces).
 */
export interface Recogniser {
  name: string;
  pattern: RegExp;
  lines?: number;
  read(m: RegExpExecArray): Reading | null;
}

const reading = (
  endpoint: Endpoint | null,
  situation: ExplainSituation | null,
  extra: Partial<Reading> = {},
): Reading | null => (endpoint === null ? null : { situation, ...endpoint, ...extra });
const hostPort = (host: string | undefined, port: string | undefined): Endpoint | null => {
  const p = portNumber(port);
  if (p === null) return null;
  if (host === undefined || host === '') return { host: null, port: p };
  const h = normaliseHost(host);
  return h === null ? null : { host: h, port: p };
};
const NODE_CODES: Readonly<Record<string, ExplainSituation>> = {
  ECONNREFUSED: 'connect-refused',
  EADDRINUSE: 'address-in-use',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
  ETIMEDOUT: 'timeout',
};
const portOnly = (situation: ExplainSituation) => (m: RegExpExecArray) =>
  reading(hostPort(undefined, m[1]), situation);
const LOOPBACK: Readonly<Record<string, string>> = { IPv4: '127.0.0.1', IPv6: '::1' };

/** Tried in order on each line; specific families before the generic last entries. */
export const RECOGNISERS: readonly Recogniser[] = [
  {
    // connect ECONNREFUSED 127.0.0.1:3000 · listen EADDRINUSE: address already in use :::3000
    name: 'node',
    pattern:
      /\b(?:connect|listen) (E[A-Z]{4,14})\b(?:: [a-z](?:[a-z ]{0,40}[a-z])?)?(?: "(\d{1,5})"| ([^\s"]{1,300}?)(?: \((\d{1,5})\))?(?=[\s\])},'"]|$))?/,
    read: (m) => {
      const situation = NODE_CODES[m[1] ?? ''] ?? null;
      if (m[2] !== undefined) return reading(hostPort(undefined, m[2]), situation);
      if (m[3] === undefined)
        return situation === null ? null : { situation, host: null, port: null };
      const endpoint = m[4] === undefined ? splitHostPort(m[3], true) : hostPort(m[3], m[4]);
      return reading(endpoint, situation);
    },
  },
  {
    // uvicorn: [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use
    name: 'python-bind',
    pattern:
      /\[(?:Errno|WinError) (\d{1,5})\] error while attempting to bind on address \('([^'\s]{0,255})', (\d{1,5})(?:, \d{1,10}, \d{1,10})?\):? ?([^\n]{0,300})/,
    read: (m) => reading(hostPort(m[2], m[3]), classify(`${m[4] ?? ''} (${m[1] ?? ''})`)),
  },
  {
    // requests / urllib3: HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded …
    name: 'python-connection-pool',
    pattern: /\bHTTPS?ConnectionPool\(host='([^'\s]{1,255})', port=(\d{1,5})\)([^\n]{0,2000})/,
    read: (m) => reading(hostPort(m[1], m[2]), classify(m[3] ?? '')),
  },
  {
    // redis-py: Error 111 connecting to localhost:6379. Connection refused.
    name: 'redis-py',
    pattern: /\bError (\d{1,5}) connecting to ([^\s]{1,300}?)\. ([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[2] ?? ''), classify(`${m[3] ?? ''} (${m[1] ?? ''})`)),
  },
  {
    // redis-cli: Could not connect to Redis at 127.0.0.1:6379: Connection refused
    name: 'redis-cli',
    pattern: /Could not connect to Redis at ([^\s]{1,300}): ([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(m[2] ?? '')),
  },
  {
    // node_redis: Redis connection to localhost:6379 failed - connect ECONNREFUSED
    name: 'node-redis',
    pattern: /Redis connection to ([^\s]{1,300}) failed - ([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(m[2] ?? '')),
  },
  {
    // PyMongo: localhost:27017: [Errno 111] Connection refused
    name: 'python-errno-after-endpoint',
    pattern:
      /(\[?[0-9A-Za-z._:-]{1,253}\]?:\d{1,5}): \[(?:Errno|WinError) (\d{1,5})\] ?([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(`${m[3] ?? ''} (${m[2] ?? ''})`)),
  },
  {
    // curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused
    name: 'curl',
    pattern:
      /\bFailed to connect to ([^\s]{1,300}) port (\d{1,5})(?: after \d{1,12} ms)?: ([^\n]{0,200})/,
    read: (m) => {
      const code = /curl: \((\d{1,3})\)|cURL error (\d{1,3})/.exec(m.input);
      const byCode = { '7': 'connect-refused', '28': 'timeout' } as const;
      const curlCode = (code?.[1] ?? code?.[2]) as keyof typeof byCode | undefined;
      const situation = classify(m[3] ?? '') ?? (curlCode ? (byCode[curlCode] ?? null) : null);
      return reading(hostPort(m[1], m[2]), situation);
    },
  },
  {
    // netcat: nc: connect to localhost port 12900 (tcp) failed: Connection refused
    name: 'netcat',
    pattern:
      /\bnc: connectx? to ([^\s]{1,300}) port (\d{1,5}) \((tcp|udp)\) failed: ([^\n]{0,200})/,
    read: (m) =>
      reading(hostPort(m[1], m[2]), classify(m[4] ?? ''), { protocol: m[3] as Protocol }),
  },
  {
    // OpenSSH: ssh: connect to host 10.0.0.5 port 22: Connection timed out
    name: 'ssh',
    pattern: /\bconnect to host ([^\s]{1,300}) port (\d{1,5}): ([^\n]{0,200})/,
    read: (m) => reading(hostPort(m[1], m[2]), classify(m[3] ?? '')),
  },
  {
    // Go: dial tcp 127.0.0.1:8080: connect: connection refused · listen tcp :8080: bind: …
    name: 'go',
    pattern: /\b(dial|listen|read|write) (tcp|udp)[46]? ([^\s]{1,300}): ([^\n]{0,300})/,
    read: (m) => {
      const address = m[3] ?? '';
      // read/write name both ends, `local->remote`: the remote end is the one that failed.
      const arrow = address.indexOf('->');
      const token = m[1] === 'read' || m[1] === 'write' ? address.slice(arrow + 2) : address;
      if ((m[1] === 'read' || m[1] === 'write') && arrow < 0) return null;
      return reading(splitHostPort(token), classify(m[4] ?? ''), { protocol: m[2] as Protocol });
    },
  },
  {
    // Docker: Bind for 0.0.0.0:8080 failed: port is already allocated
    name: 'docker-bind',
    pattern: /\bBind for ([^\s]{1,300}) failed: ([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(m[2] ?? '')),
  },
  {
    // Java/Netty: Connection refused: localhost/127.0.0.1:6379 · …: no further information: /10.0.0.5:80
    name: 'java-refused',
    pattern: /Connection refused(?:: no further information)?: ([^\s/]{0,253})\/([^\s]{1,300})/,
    read: (m) => reading(splitHostPort(m[2] ?? ''), 'connect-refused'),
  },
  {
    // Android: failed to connect to localhost/127.0.0.1 (port 5901) from …: connect failed: ECONNREFUSED
    name: 'android',
    pattern:
      /failed to connect to ([^\s/]{0,253})\/([^\s]{1,100}) \(port (\d{1,5})\)([^\n]{0,300})/,
    read: (m) => reading(hostPort(m[2], m[3]), classify(m[4] ?? '')),
  },
  {
    // Spring Boot and Vite: Port 8080 was already in use. · Error: Port 5173 is already in use
    name: 'port-already-in-use',
    pattern: /\bPort (\d{1,5}) (?:was|is) already in use/i,
    read: portOnly('address-in-use'),
  },
  {
    // Spring Boot 2.0: The Tomcat connector configured to listen on port 8080 failed to start.
    name: 'tomcat-connector',
    pattern: /connector configured to listen on port (\d{1,5}) failed to start/,
    read: portOnly('address-in-use'),
  },
  {
    // Jetty: FAILED ServerConnector@3207d26a{HTTP/1.1}{0.0.0.0:9022}: java.net.BindException: …
    name: 'jetty',
    pattern: /[{@]([^\s{}@]{1,300}?)\}?: java\.net\.BindException: ([^\n]{0,200})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(m[2] ?? '')),
  },
  {
    // libpq ≥ 14: connection to server at "localhost" (::1), port 5432 failed: Connection refused
    name: 'libpq',
    pattern:
      /connection to server at "([^"\s]{1,255})"(?: \(([^)\s]{1,64})\))?, port (\d{1,5}) failed: ([^\n]{0,200})/,
    read: (m) => reading(hostPort(m[2] ?? m[1], m[3]), classify(m[4] ?? '')),
  },
  {
    // libpq < 14, over three lines: could not connect to server: … on host "h" (addr) … on port 5432?
    name: 'libpq-old',
    lines: 3,
    pattern:
      /could not connect to server: ([^\n]{0,120}?) Is the server running on host "([^"\s]{1,255})"(?: \(([^)\s]{1,64})\))? and accepting TCP\/IP connections on port (\d{1,5})/,
    read: (m) => reading(hostPort(m[3] ?? m[2], m[4]), classify(m[1] ?? '')),
  },
  {
    // PostgreSQL server, two lines: could not bind IPv4 address "127.0.0.1": … HINT: … on port 5432?
    name: 'postgres-bind',
    lines: 3,
    pattern:
      /could not bind (?:IPv[46] address "([^"\s]{1,64})"|IPv[46] socket): ([^\n]{0,200}?)HINT: {1,4}Is another postmaster already running on port (\d{1,5})/,
    read: (m) => reading(hostPort(m[1], m[3]), classify(m[2] ?? '')),
  },
  {
    name: 'postgres-bind-without-hint',
    pattern: /could not bind (?:IPv[46] address "([^"\s]{1,64})"|IPv[46] socket): ([^\n]{0,200})/,
    read: (m) => {
      const situation = classify(m[2] ?? '');
      const host = m[1] === undefined ? null : normaliseHost(m[1]);
      const hint = 'paste the HINT line after it too, which names the port';
      return situation === null ? null : { situation, host, port: null, hint };
    },
  },
  {
    // MySQL Workbench: … to server at localhost:3306:   Can't connect to MySQL server on '127.0.0.1' (61)
    name: 'mysql-workbench',
    pattern: /from your host to server at ([^\s]{1,300}): {1,4}([^\n]{0,300})/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(m[2] ?? '')),
  },
  {
    // MySQL: ERROR 2003 (HY000): Can't connect to MySQL server on 'localhost' (10061)
    name: 'mysql',
    pattern: /Can't connect to MySQL server on '([^'\s]{1,300})' \((\d{1,5})([^)\n]{0,80})\)/,
    read: (m) => {
      const situation = classify(`(${m[2] ?? ''}) ${m[3] ?? ''}`);
      const named = splitHostPort(m[1] ?? '');
      if (named !== null) return reading(named, situation);
      return reading(hostPort(m[1], '3306'), situation, { assumedPort: true });
    },
  },
  {
    // nginx: bind() to 0.0.0.0:80 failed (98: Address already in use) · socket() [::]:80 failed (13: …)
    name: 'nginx-bind',
    pattern:
      /\b(?:bind|socket|listen)\(\) (?:to )?([^\s]{1,300}) failed \((\d{1,5}): ([^)\n]{0,200})\)/,
    read: (m) => reading(splitHostPort(m[1] ?? ''), classify(`${m[3] ?? ''} (${m[2] ?? ''})`)),
  },
  {
    // nginx: connect() failed (111: Connection refused) while connecting to upstream, … upstream: "http://…"
    name: 'nginx-upstream',
    pattern:
      /\bconnect\(\) failed \((\d{1,5}): ([^)\n]{0,200})\) while connecting to upstream[^\n]{0,1000}?upstream: "([^"\s]{1,300})"/,
    read: (m) => reading(readEndpoint(m[3] ?? ''), classify(`${m[2] ?? ''} (${m[1] ?? ''})`)),
  },
  {
    // Ruby: Address already in use - bind(2) for "127.0.0.1" port 3000 (Errno::EADDRINUSE)
    name: 'ruby-bind',
    pattern: /bind\(2\) for \\?"?([^\s"\\]{1,300}?)\\?"?(?: port (\d{1,5})|:(\d{1,5}))/,
    read: (m) => reading(hostPort(m[1], m[2] ?? m[3]), classify(m.input)),
  },
  {
    // Kestrel: Failed to bind to address http://127.0.0.1:5000: address already in use.
    name: 'kestrel',
    pattern:
      /\b(?:Failed|Unable) to bind to (?:address )?([a-z]{2,10}:\/\/[^\s]{1,300})(?: on the (IPv[46]) loopback interface)?([^\n]{0,600})/,
    read: (m) => {
      const url = readEndpoint(m[1] ?? '');
      const loopback = m[2] === undefined ? undefined : LOOPBACK[m[2]];
      const endpoint = url && loopback ? { ...url, host: loopback } : url;
      return reading(endpoint, classify(m[3] ?? ''));
    },
  },
  {
    // dnsmasq: failed to create listening socket for port 53: Address already in use
    name: 'dnsmasq',
    pattern: /failed to create listening socket for port (\d{1,5}): ([^\n]{0,200})/,
    read: (m) => reading(hostPort(undefined, m[1]), classify(m[2] ?? '')),
  },
  {
    // pgJDBC: Connection to 127.0.0.1:5433 refused. · Pawl: Connection to tcp://h:8080 failed: …
    name: 'connection-to',
    pattern: /\bConnection to ([^\s]{1,300}) (failed: |refused)([^\n]{0,200})/,
    read: (m) => {
      const reason = m[2] === 'refused' ? 'connection refused' : (m[3] ?? '');
      return reading(readEndpoint(m[1] ?? ''), classify(reason));
    },
  },
  {
    // Chrome's error page: 127.0.0.1 refused to connect. (The port is only in the address bar.)
    name: 'browser-refused',
    pattern: /(?:^|\s)([^\s]{1,253}) refused to connect\./,
    read: (m) => {
      const host = normaliseHost(m[1] ?? '');
      return host === null ? null : { situation: 'connect-refused', host, port: null };
    },
  },
];
