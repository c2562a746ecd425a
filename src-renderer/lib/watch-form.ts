// Checks the watch form in the window before anything is sent, with messages a person can act on.
import type { WatchInput } from '../../src-main/shared/contract.js';
import { targetText, type WatchSpec } from '../../src-main/domain/index.js';

/** The form's raw text fields, as typed. */
export interface WatchFormFields {
  target: string;
  expect: string;
  /** Seconds, decimals allowed (`0.5`, `5`). */
  intervalSeconds: string;
  failuresToDown: string;
  label: string;
}

export type WatchFormErrors = Partial<Record<keyof WatchFormFields, string>>;

export type WatchFormResult =
  { ok: true; input: WatchInput } | { ok: false; errors: WatchFormErrors };

export const EMPTY_WATCH_FORM: WatchFormFields = {
  target: '',
  expect: '',
  intervalSeconds: '',
  failuresToDown: '',
  label: '',
};

// The same limits the contract's validator enforces (src-main/shared/contract.ts).
const MIN_INTERVAL_S = 0.5;
const MAX_INTERVAL_S = 86_400;
const MAX_TEXT = 200;
const HOW = 'enter a port (3000) or host:port (db.internal:5432, [::1]:8080)';
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Null when `text` is a watch target the core will accept, else what is wrong with it. */
export function targetError(text: string): string | null {
  const input = text.trim();
  if (input === '') return `Required: ${HOW}`;
  if (/\s/.test(input)) return `No spaces allowed: ${HOW}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    return 'Enter only host:port, not a URL (e.g. db.internal:5432)';
  }
  if (input.startsWith('[')) return bracketedError(input);
  const colons = input.split(':').length - 1;
  if (colons === 0) {
    if (/^\d+$/.test(input)) return portError(input);
    if (input.includes('.') || input.toLowerCase() === 'localhost') {
      return `"${input}" has no port: write ${input}:PORT`;
    }
    return `"${input}" is not a port: ${HOW}`;
  }
  if (colons > 1) return 'Put an IPv6 host in brackets, e.g. [::1]:8080';
  const at = input.indexOf(':');
  const host = input.slice(0, at);
  return (host === '' ? null : hostError(host)) ?? portError(input.slice(at + 1));
}

function portError(text: string): string | null {
  if (text === '') return 'Port missing after ":" (a number 1–65535)';
  if (!/^\d+$/.test(text)) return `Port must be a number 1–65535, not "${text}"`;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? null : `Port must be 1–65535 (got ${text})`;
}

function hostError(host: string): string | null {
  if (IPV4.test(host)) return null;
  const bad = /[^A-Za-z0-9._-]/.exec(host);
  if (bad) return `Host "${host}" cannot contain "${bad[0]}"`;
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return `Host "${host}" is not a valid IPv4 address`;
  }
  if (host.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) {
    return `Host "${host}" is not a valid host name (letters, digits and "-", joined by ".")`;
  }
  return null;
}

function bracketedError(input: string): string | null {
  const close = input.indexOf(']');
  if (close < 0) return 'Missing "]": write IPv6 hosts as [::1]:8080';
  const inner = input.slice(1, close);
  const rest = input.slice(close + 1);
  if (inner.includes('%')) return 'Zone ids (%eth0) are not supported in watch targets';
  if (IPV4.test(inner)) return 'Write IPv4 hosts without brackets, e.g. 127.0.0.1:8080';
  if (!isIPv6(inner)) return `"${inner}" is not an IPv6 address`;
  if (rest === '') return `"${input}" has no port: write ${input}:PORT`;
  if (!rest.startsWith(':')) return 'Put ":" and the port right after "]", e.g. [::1]:8080';
  return portError(rest.slice(1));
}

// The URL parser knows IPv6 literals in every browser and in Node, so no hand-written grammar.
function isIPv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(':')) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

function intervalError(text: string): string | null {
  if (!/^\d*\.?\d+$/.test(text)) return 'Interval must be a number of seconds, e.g. 5 or 0.5';
  const seconds = Number(text);
  if (seconds < MIN_INTERVAL_S) return `Interval must be at least ${MIN_INTERVAL_S} s`;
  if (seconds > MAX_INTERVAL_S) return 'Interval must be at most 24 h (86400 s)';
  return null;
}

function failuresError(text: string): string | null {
  if (!/^\d+$/.test(text)) return 'Failures before down must be a whole number 1–100';
  const n = Number(text);
  return n >= 1 && n <= 100 ? null : 'Failures before down must be 1–100';
}

function textError(what: string, text: string): string | null {
  return text.trim().length > MAX_TEXT ? `${what} must be at most ${MAX_TEXT} characters` : null;
}

/**
 * Validates every field; blank options are left out (the core's defaults apply) when adding, and
 * sent as "clear" (null) for expect and label when editing, so a user can remove them.
 */
export function validateWatchForm(
  fields: WatchFormFields,
  mode: 'add' | 'edit' = 'add',
): WatchFormResult {
  const errors: WatchFormErrors = {};
  const target = fields.target.trim();
  const expect = fields.expect.trim();
  const interval = fields.intervalSeconds.trim();
  const failures = fields.failuresToDown.trim();
  const label = fields.label.trim();
  const set = (key: keyof WatchFormFields, message: string | null) => {
    if (message !== null) errors[key] = message;
  };
  set('target', targetError(target));
  set('expect', textError('Expected process', expect));
  if (interval !== '') set('intervalSeconds', intervalError(interval));
  if (failures !== '') set('failuresToDown', failuresError(failures));
  set('label', textError('Label', label));
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const input: WatchInput = { target };
  const clear = mode === 'edit' ? null : undefined;
  const expectValue = expect === '' ? clear : expect;
  const labelValue = label === '' ? clear : label;
  if (expectValue !== undefined) input.expect = expectValue;
  if (labelValue !== undefined) input.label = labelValue;
  if (interval !== '') input.intervalMs = Math.round(Number(interval) * 1000);
  if (failures !== '') input.failuresToDown = Number(failures);
  return { ok: true, input };
}

/** The edit form starts from the watch as it is. */
export function fieldsFromSpec(spec: WatchSpec): WatchFormFields {
  return {
    target: targetText(spec.target),
    expect: spec.expect ?? '',
    intervalSeconds: String(spec.intervalMs / 1000),
    failuresToDown: String(spec.failuresToDown),
    label: spec.label ?? '',
  };
}

/** Only what the edit changed, so an untouched watch is not rewritten. */
export function changesFrom(spec: WatchSpec, input: WatchInput): Partial<WatchInput> {
  const changes: Partial<WatchInput> = {};
  if (input.target !== targetText(spec.target)) changes.target = input.target;
  if (input.expect !== undefined && input.expect !== spec.expect) changes.expect = input.expect;
  if (input.label !== undefined && input.label !== spec.label) changes.label = input.label;
  if (input.intervalMs !== undefined && input.intervalMs !== spec.intervalMs) {
    changes.intervalMs = input.intervalMs;
  }
  if (input.failuresToDown !== undefined && input.failuresToDown !== spec.failuresToDown) {
    changes.failuresToDown = input.failuresToDown;
  }
  return changes;
}

/** What re-adding a removed watch needs, for "Undo". */
export function inputFromSpec(spec: WatchSpec): WatchInput {
  return {
    target: targetText(spec.target),
    expect: spec.expect,
    intervalMs: spec.intervalMs,
    failuresToDown: spec.failuresToDown,
    successesToUp: spec.successesToUp,
    label: spec.label,
  };
}
