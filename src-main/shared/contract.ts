// The one contract between the window and the core: every channel, its request validator and its
// response type. Electron IPC and the browser mode's HTTP transport both carry exactly this.
import { z } from 'zod';
import type { ConflictDelta } from '../domain/conflict-changes.js';
import type { HistoryEntry } from '../domain/history-entry.js';
import type {
  Answer,
  Conflict,
  MonitorStatus,
  PortSocket,
  ProbeResult,
  Snapshot,
  SnapshotDiff,
  WatchEvent,
  WatchSpec,
  WatchState,
} from '../domain/model.js';
import type { Preferences } from '../domain/preferences.js';
import { preferencesPatchSchema, type PreferencesPatch } from '../domain/preferences-schema.js';
import type { KillResult, ProcessIdentity } from '../domain/process.js';
import type { ContainerStopResult, EngineStatus } from '../domain/container.js';
import type { ExplanationView } from '../domain/explanation.js';
import { MAX_INPUT_CHARS } from '../domain/explain-input.js';
import { expectationCheck } from '../domain/expected-owner.js';
import type { UnattributedCounts } from '../domain/unattributed.js';

export type { ExplanationView, KillResult, Preferences, PreferencesPatch, ProcessIdentity };

export const CHANNEL_PREFIX = 'porthole:';

/** Every request channel. Adding a name here without a contract entry fails the type-check. */
export const CHANNELS = [
  'porthole:state:get',
  'porthole:watches:add',
  'porthole:watches:update',
  'porthole:watches:remove',
  'porthole:watches:snooze',
  'porthole:notifications:snooze',
  'porthole:ports:who',
  'porthole:ports:probe',
  'porthole:ports:free',
  'porthole:ports:explain',
  'porthole:history:query',
  'porthole:history:export',
  'porthole:process:inspect',
  'porthole:process:kill',
  'porthole:containers:stop',
  'porthole:settings:get',
  'porthole:settings:update',
  'porthole:exposures:acknowledge',
  'porthole:exposures:unacknowledge',
  'porthole:app:open-external',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The one push channel, main → window. */
export const EVENT_CHANNEL = 'porthole:events';

// ---- request validators (strict: unknown keys are refused, not ignored) ----

const port = z.int().min(1).max(65535);
const pid = z
  .int()
  .min(1)
  .max(2 ** 31 - 1);
const watchId = z.string().min(1).max(300);
const epochMs = z.number().int().min(0).max(8.64e15);
const none = z.undefined();

export const watchInputSchema = z.strictObject({
  /** `62893`, `:3000`, `localhost:3000`, `db.internal:5432`, `[::1]:8080`; parsed by the core. */
  target: z.string().trim().min(1).max(300),
  /** A process name, `container:NAME` or `image:NAME` (domain/expected-owner.ts). */
  expect: z.string().trim().max(200).nullable().optional().superRefine(expectationCheck),
  intervalMs: z.int().min(500).max(86_400_000).optional(),
  failuresToDown: z.int().min(1).max(100).optional(),
  successesToUp: z.int().min(1).max(100).optional(),
  label: z.string().trim().max(200).nullable().optional(),
});
export type WatchInput = z.infer<typeof watchInputSchema>;

const historyQuerySchema = z.strictObject({
  port: port.optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
  kinds: z
    .array(z.enum(['watch', 'conflict-appeared', 'conflict-resolved', 'owner-changed', 'exposure']))
    .max(5)
    .optional(),
  limit: z.int().min(1).max(100_000).optional(),
});

const snoozeUntil = z.union([epochMs, z.literal('until-up'), z.null()]);

// ---- response types ----

export interface WatchView {
  spec: WatchSpec;
  /** null until the first observation. */
  state: WatchState | null;
}

export interface Capabilities {
  /** False in browser mode unless started with --allow-kill. */
  kill: boolean;
  platform: string;
  transport: 'ipc' | 'http';
}

/** Everything the window shows, in one payload: sent first, then kept current by events. */
export interface PortholeState {
  snapshot: Snapshot | null;
  conflicts: Conflict[];
  status: MonitorStatus;
  watches: WatchView[];
  /** Global notification snooze (epoch ms), null when not snoozed. */
  notificationsSnoozedUntil: number | null;
  acknowledgedExposures: string[];
  /** Problems met loading settings (a corrupt file moved aside...), shown once in a banner. */
  settingsWarnings: string[];
  capabilities: Capabilities;
}

/**
 * Browser mode's event numbering: which server run, and the last event number a state or a stream
 * start reflects (the `ready` event and `GET /api/state` carry it; see src-main/web/event-stream.ts).
 */
export interface StreamPosition {
  instance: string;
  seq: number;
}

export interface WhoResult {
  port: number;
  sockets: PortSocket[];
  conflicts: Conflict[];
  answers: Answer[];
}

export interface HistoryExport {
  filename: string;
  mime: 'text/csv' | 'application/json';
  content: string;
}

export interface SettingsView {
  preferences: Preferences;
  warnings: string[];
  path: string;
}

/** Main → window pushes. */
export type PortholeEvent =
  | { type: 'state'; state: PortholeState }
  | {
      type: 'snapshot-diff';
      takenAt: number;
      diff: SnapshotDiff;
      unattributed: number;
      /** Per cause, smoothed (see domain/unattributed.ts). The service always sends it; a
       *  window reads its absence (an older server) as all `unknown`. */
      unattributedByCause?: UnattributedCounts;
      warnings: string[];
      source: string;
      /** The snapshot's container engines (absent when attribution is off or from an older server). */
      engines?: EngineStatus[];
    }
  /** Conflicts as a delta against the state's list (an unchanged tick sends nothing). */
  | ({ type: 'conflicts' } & ConflictDelta)
  | { type: 'status'; status: MonitorStatus }
  | { type: 'watches'; watches: WatchView[] }
  | { type: 'watch-state'; id: string; state: WatchState }
  | { type: 'watch-event'; event: WatchEvent }
  | { type: 'notifications-snoozed'; until: number | null }
  /** A notification or tray item asked to show this port's detail. */
  | { type: 'focus-port'; port: number }
  /** A tray item asked to show one view (e.g. "Watch a port…" → the watch form). */
  | { type: 'show-view'; view: 'overview' | 'watches' | 'history' | 'settings' }
  /** Preferences changed (from a window or the tray): shells and windows re-apply them. */
  | { type: 'preferences'; preferences: Preferences };

// ---- the contract ----

interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type only. */
  response: Res;
}

function spec<Req extends z.ZodType, Res>(request: Req): ChannelSpec<Req, Res> {
  return { request, response: undefined as Res };
}

export const contract = {
  'porthole:state:get': spec<typeof none, PortholeState>(none),
  'porthole:watches:add': spec<typeof watchInputSchema, WatchView>(watchInputSchema),
  'porthole:watches:update': spec<
    z.ZodType<{ id: string; changes: Partial<WatchInput> }>,
    WatchView
  >(z.strictObject({ id: watchId, changes: watchInputSchema.partial() })),
  'porthole:watches:remove': spec<z.ZodType<{ id: string }>, boolean>(
    z.strictObject({ id: watchId }),
  ),
  'porthole:watches:snooze': spec<
    z.ZodType<{ id: string | null; until: number | 'until-up' | null }>,
    WatchView[]
  >(z.strictObject({ id: watchId.nullable(), until: snoozeUntil })),
  'porthole:notifications:snooze': spec<z.ZodType<{ until: number | null }>, number | null>(
    z.strictObject({ until: epochMs.nullable() }),
  ),
  'porthole:ports:who': spec<z.ZodType<{ port: number }>, WhoResult>(z.strictObject({ port })),
  'porthole:ports:probe': spec<z.ZodType<{ target: string }>, ProbeResult>(
    z.strictObject({ target: z.string().trim().min(1).max(300) }),
  ),
  'porthole:ports:free': spec<z.ZodType<{ near: number; count?: number }>, number[]>(
    z.strictObject({ near: port, count: z.int().min(1).max(50).optional() }),
  ),
  /** `porthole explain` for the window: a pasted error, URL, host:port or port (64 KB at most). */
  'porthole:ports:explain': spec<z.ZodType<{ text: string }>, ExplanationView>(
    z.strictObject({ text: z.string().max(MAX_INPUT_CHARS) }),
  ),
  'porthole:history:query': spec<typeof historyQuerySchema, HistoryEntry[]>(historyQuerySchema),
  'porthole:history:export': spec<
    z.ZodType<{ format: 'csv' | 'json'; port?: number }>,
    HistoryExport
  >(z.strictObject({ format: z.enum(['csv', 'json']), port: port.optional() })),
  'porthole:process:inspect': spec<z.ZodType<{ pid: number }>, ProcessIdentity>(
    z.strictObject({ pid }),
  ),
  'porthole:process:kill': spec<
    z.ZodType<{ pid: number; startToken: string | null; force: boolean }>,
    KillResult
  >(z.strictObject({ pid, startToken: z.string().max(200).nullable(), force: z.boolean() })),
  /** Stops a container through its engine (same permission as process kill). */
  'porthole:containers:stop': spec<z.ZodType<{ engine: string; id: string }>, ContainerStopResult>(
    z.strictObject({
      engine: z.string().min(1).max(100),
      id: z.string().regex(/^[0-9a-f]{12,64}$/, 'a container ID is 12 to 64 hex digits'),
    }),
  ),
  'porthole:settings:get': spec<typeof none, SettingsView>(none),
  'porthole:settings:update': spec<typeof preferencesPatchSchema, SettingsView>(
    preferencesPatchSchema,
  ),
  'porthole:exposures:acknowledge': spec<z.ZodType<{ key: string }>, string[]>(
    z.strictObject({ key: z.string().min(1).max(300) }),
  ),
  /** Takes an acknowledgement back: the listener is flagged as exposed again. */
  'porthole:exposures:unacknowledge': spec<z.ZodType<{ key: string }>, string[]>(
    z.strictObject({ key: z.string().min(1).max(300) }),
  ),
  'porthole:app:open-external': spec<z.ZodType<{ url: string }>, boolean>(
    z.strictObject({
      url: z
        .string()
        .max(2048)
        .refine((u) => /^https?:\/\//i.test(u), 'only http and https links can be opened'),
    }),
  ),
} as const satisfies { [C in Channel]: ChannelSpec<z.ZodType, unknown> };

export type RequestOf<C extends Channel> = z.infer<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'];

/** What crosses the border for every call: errors travel as data, so their messages survive IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: TransportError };

/** Every way a call can fail; a code outside this list fails the type-check. */
export const ERROR_CODES = [
  /** The request broke the contract (a port of 70000, an unknown field) or the core refused the input. */
  'invalid-request',
  /** Not allowed here: a foreign sender or site, kill switched off, a protected process. */
  'forbidden',
  /** No such watch, channel or path. */
  'not-found',
  /** The change clashes with what exists (a watch on that target already). */
  'conflict',
  /** Try again later: settings locked by another Porthole, the transport down. */
  'unavailable',
  /** Anything unexpected. */
  'failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export interface TransportError {
  code: ErrorCode;
  message: string;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** Validates a payload at the border; the error names the field and the problem. */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; value: RequestOf<C> } | { ok: false; error: TransportError } {
  const result = contract[channel].request.safeParse(payload);
  if (result.success) return { ok: true, value: result.data as RequestOf<C> };
  const message = result.error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${message}` } };
}

/** The backend both transports call after the border checks: the core's PortholeService. */
export interface PortholeBackend {
  handle<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  onEvent(listener: (event: PortholeEvent) => void): () => void;
}
