// Node-free: which situation a failure text names (`Connection refused`, `[Errno 98]`, `(10013: …)`).
import type { ExplainSituation } from './explain-input.js';

const KEYWORDS: readonly (readonly [RegExp, ExplainSituation])[] = [
  [
    /address already in use|EADDRINUSE|only one usage of each socket address|already allocated|already in use/i,
    'address-in-use',
  ],
  [/permission denied|EACCES|forbidden by its access permissions|EPERM\b/i, 'permission-denied'],
  [
    /connection refused|ECONNREFUSED|actively refused|could not connect to server|refused to connect|ERR_CONNECTION_REFUSED/i,
    'connect-refused',
  ],
  [/timed out|ETIMEDOUT|i\/o timeout|timeout was reached|ERR_CONNECTION_TIMED_OUT/i, 'timeout'],
];
/** errno values of Linux, macOS and Windows (WSA) for the four failures. */
const CODES: Readonly<Record<string, ExplainSituation>> = {
  '98': 'address-in-use',
  '48': 'address-in-use',
  '10048': 'address-in-use',
  '13': 'permission-denied',
  '10013': 'permission-denied',
  '111': 'connect-refused',
  '61': 'connect-refused',
  '10061': 'connect-refused',
  '110': 'timeout',
  '60': 'timeout',
  '10060': 'timeout',
};
const CODE_MARK = /(?:errno|winerror|error) ?:? ?(\d{2,5})\b|\((\d{2,5})\b|\/(\d{4,5})\)/gi;

/** The situation a failure text names, by words first (they survive localisation worst), then errno. */
export function classify(text: string): ExplainSituation | null {
  for (const [pattern, situation] of KEYWORDS) if (pattern.test(text)) return situation;
  for (const m of text.matchAll(CODE_MARK)) {
    const code = m[1] ?? m[2] ?? m[3] ?? '';
    const situation = CODES[code];
    if (situation !== undefined) return situation;
  }
  return null;
}
