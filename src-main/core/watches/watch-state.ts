// The watch state machine: folds probe observations into up/down status, owner changes, flapping and snooze.
import { InputError } from '../errors.js';
import { targetText } from '../../domain/endpoint.js';
import { ownerOrUnknown } from '../../domain/labels.js';
import { matchesExpectedOwner } from '../../domain/expected-owner.js';
import { containerLabel, type ContainerRef } from '../../domain/container.js';
import { probeErrorText } from '../../domain/probe-text.js';
import type {
  DownCause,
  WatchEvent,
  WatchEventKind,
  WatchOwner,
  WatchSpec,
  WatchState,
  WatchStatus,
} from '../../domain/model.js';

export type { WatchOwner, WatchState } from '../../domain/model.js';

// Specs are built beside targets; re-exported so callers find the whole watch API here.

export interface Observation {
  at: number;
  open: boolean;
  latencyMs: number | null;
  pid: number | null;
  process: string | null;
  /** The container behind the listener reached, where the snapshot names one. */
  container?: ContainerRef | null;
  error: string | null;
  /** On a failed check: why the owner last seen no longer answers (domain/down-cause.ts). */
  cause?: DownCause | null;
}

export interface WatchPolicy {
  flapWindowMs: number;
  flapTransitions: number;
  stableMs: number;
}

/** 5 up/down changes within 10 min mean flapping; it is over after 5 min without a change. */
export const defaultWatchPolicy: WatchPolicy = Object.freeze({
  flapWindowMs: 10 * 60_000,
  flapTransitions: 5,
  stableMs: 5 * 60_000,
});

const LATENCY_HISTORY = 30;
const MAX_TRANSITIONS = 100;

export function initialWatchState(at: number): WatchState {
  return {
    status: 'unknown',
    since: at,
    owner: null,
    lastCheckedAt: null,
    lastLatencyMs: null,
    lastError: null,
    latencies: [],
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    transitions: [],
    flapping: false,
    snoozedUntil: null,
    snoozeUntilUp: false,
  };
}

/** Pure: the state after one observation, and the events it causes (silenced ones included). */
export function nextWatchState(
  spec: WatchSpec,
  state: WatchState,
  obs: Observation,
  policy: WatchPolicy = defaultWatchPolicy,
): { state: WatchState; events: WatchEvent[] } {
  const target = targetText(spec.target);
  const events: WatchEvent[] = [];
  const emit = (
    event: WatchEventKind,
    owner: WatchOwner | null,
    detail: string,
    cause: DownCause | null = null,
  ): void => {
    const [pid, process] = [owner?.pid ?? null, owner?.process ?? null];
    events.push({
      ...(cause ? { cause } : {}),
      at: obs.at,
      watchId: spec.id,
      target,
      event,
      pid,
      process,
      detail,
      silenced: false,
    });
  };

  const successes = obs.open ? state.consecutiveSuccesses + 1 : 0;
  const failures = obs.open ? 0 : state.consecutiveFailures + 1;
  const status = decideStatus(spec, state.status, obs.open, successes, failures);
  const changed = status !== state.status;
  const seen = obs.open ? ownerOf(obs) : null;
  const before = state.owner;
  let owner = before;

  // A quiet stableMs ends flapping and starts the count afresh.
  const steady = state.flapping && obs.at - state.since >= policy.stableMs;
  let flapping = state.flapping && !steady;
  let transitions = (steady ? [] : state.transitions).filter(
    (t) => obs.at - t < policy.flapWindowMs,
  );

  if (changed && status === 'up') {
    if (seen) owner = sameOwner(before, seen) ? mergeOwner(before, seen) : seen;
    const again = state.status === 'down' ? ' again' : '';
    const was = before && seen && !sameOwner(before, seen) ? `; was ${ownerText(before)}` : '';
    emit(
      'up',
      seen,
      `${target} is up${again}${ownerParen(seen)}${latencyText(obs.latencyMs)}${was}`,
    );
  } else if (changed && status === 'down') {
    const cause = obs.cause ?? null;
    emit('down', before, downDetail(target, state.status, before, obs.error, cause), cause);
  } else if (status === 'up' && seen && before && !sameOwner(before, seen)) {
    owner = seen;
    const expected = mismatch(spec.expect, seen) ? `; expected ${spec.expect}` : '';
    emit(
      'owner-changed',
      seen,
      `${target} is now held by ${ownerText(seen)}, was ${ownerText(before)}${expected}`,
    );
  } else if (status === 'up' && seen) {
    owner = mergeOwner(before, seen);
  }
  // The expected-owner check runs once per owner: when one becomes known or its name is first learned.
  if (
    status === 'up' &&
    owner &&
    isNewOwner(before, owner) &&
    events.every((e) => e.event !== 'owner-changed') &&
    mismatch(spec.expect, owner)
  ) {
    emit(
      'owner-changed',
      owner,
      `${target} is held by ${ownerText(owner)}, expected ${spec.expect}`,
    );
  }

  if (changed && state.status !== 'unknown') {
    transitions = [...transitions, obs.at].slice(-MAX_TRANSITIONS);
    if (!flapping && transitions.length >= policy.flapTransitions) {
      flapping = true;
      emit('flapping', owner, flappingDetail(target, status, transitions.length, policy));
    }
  }

  const snoozed = state.snoozedUntil !== null && obs.at < state.snoozedUntil;
  let snoozeUntilUp = state.snoozeUntilUp;
  for (const event of events) {
    const isTransition = event.event === 'up' || event.event === 'down';
    // The up that ends an until-up snooze is itself announced.
    if (snoozeUntilUp && event.event === 'up') snoozeUntilUp = false;
    event.silenced = snoozed || snoozeUntilUp || (flapping && isTransition);
  }

  const latencies =
    obs.open && obs.latencyMs !== null
      ? [...state.latencies, obs.latencyMs].slice(-LATENCY_HISTORY)
      : state.latencies;
  return {
    state: {
      status,
      since: changed ? obs.at : state.since,
      owner,
      lastCheckedAt: obs.at,
      lastLatencyMs: obs.latencyMs,
      lastError: obs.open ? null : obs.error,
      latencies,
      consecutiveFailures: failures,
      consecutiveSuccesses: successes,
      transitions,
      flapping,
      snoozedUntil: snoozed ? state.snoozedUntil : null,
      snoozeUntilUp,
      downCause:
        status !== 'down' ? null : changed ? (obs.cause ?? null) : (state.downCause ?? null),
    },
    events,
  };
}

/** Silences events until a time, or until the next up (which is itself announced). Replaces any snooze. */
export function snoozeWatch(state: WatchState, until: number | 'until-up'): WatchState {
  if (until === 'until-up') return { ...state, snoozedUntil: null, snoozeUntilUp: true };
  if (typeof until !== 'number' || !Number.isFinite(until)) {
    throw new InputError(`snooze needs a time (epoch ms) or 'until-up', got ${String(until)}`);
  }
  return { ...state, snoozedUntil: until, snoozeUntilUp: false };
}

export function unsnoozeWatch(state: WatchState): WatchState {
  return { ...state, snoozedUntil: null, snoozeUntilUp: false };
}

function decideStatus(
  spec: WatchSpec,
  status: WatchStatus,
  open: boolean,
  successes: number,
  failures: number,
): WatchStatus {
  if (status === 'unknown') return open ? 'up' : 'down';
  if (status === 'up' && failures >= spec.failuresToDown) return 'down';
  if (status === 'down' && successes >= spec.successesToUp) return 'up';
  return status;
}

function ownerOf(obs: Observation): WatchOwner | null {
  if (obs.pid === null && obs.process === null && !obs.container) return null;
  return obs.container
    ? { pid: obs.pid, process: obs.process, container: obs.container }
    : { pid: obs.pid, process: obs.process };
}

/** Same PID when both are known; otherwise the same process name; unknown counts as the same. */
function sameOwner(a: WatchOwner | null, b: WatchOwner): boolean {
  if (a === null) return false;
  if (a.pid !== null && b.pid !== null) return a.pid === b.pid;
  if (a.process !== null && b.process !== null) return a.process === b.process;
  return true;
}

/** A different owner, or the same one whose name we just learned. */
function isNewOwner(before: WatchOwner | null, owner: WatchOwner): boolean {
  if (owner === before) return false;
  return before === null || !sameOwner(before, owner) || before.process === null;
}

function mergeOwner(known: WatchOwner | null, seen: WatchOwner): WatchOwner {
  if (!known) return seen;
  const container = known.container ?? seen.container ?? null;
  const merged: WatchOwner = { pid: known.pid ?? seen.pid, process: known.process ?? seen.process };
  if (container) merged.container = container;
  const same =
    merged.pid === known.pid &&
    merged.process === known.process &&
    container === (known.container ?? null);
  return same ? known : merged;
}

/** An owner whose name is known and is not the expected one (an unnamed owner is never a mismatch). */
function mismatch(expect: string | null, owner: WatchOwner): boolean {
  if (!expect || owner.process === null) return false;
  return !matchesExpectedOwner(expect, owner);
}

function ownerText(owner: WatchOwner): string {
  if (owner.container) return containerLabel(owner.container);
  return ownerOrUnknown(owner.pid, owner.process);
}

function ownerParen(owner: WatchOwner | null): string {
  if (!owner) return '';
  const parts = [owner.process, owner.pid === null ? null : `PID ${owner.pid}`].filter(Boolean);
  return ` (${parts.join(', ')})`;
}

function latencyText(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1 ? ', <1 ms' : `, ${Math.round(ms)} ms`;
}

function downDetail(
  target: string,
  from: WatchStatus,
  owner: WatchOwner | null,
  error: string | null,
  cause: DownCause | null,
): string {
  if (cause) return `${target} is down: ${cause.text}`;
  const why = error ? ` (${probeErrorText(error)})` : '';
  if (from === 'unknown') return `${target} is down${why}`;
  if (!owner) return `${target} went down${why}`;
  if (error === null || error === 'ECONNREFUSED')
    return `${ownerText(owner)} stopped listening on ${target}`;
  return `${ownerText(owner)} stopped answering on ${target}${why}`;
}

function flappingDetail(
  target: string,
  status: WatchStatus,
  count: number,
  policy: WatchPolicy,
): string {
  return `${target} is flapping: ${count} up/down changes within ${duration(policy.flapWindowMs)} (now ${status}); alerts are quiet until it stays steady for ${duration(policy.stableMs)}`;
}

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
