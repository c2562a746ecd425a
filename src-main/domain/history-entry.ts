// The record of one thing that happened to a port, and the checks that keep history.jsonl readable.
import { z } from 'zod';
import { HISTORY_KINDS, type HistoryKind } from './history-kinds.js';
import type { Protocol } from './model.js';

export { HISTORY_KINDS, type HistoryKind };

export interface HistoryEntry {
  /** Epoch milliseconds. */
  at: number;
  kind: HistoryKind;
  port: number | null;
  protocol: Protocol | null;
  /** Watch target text (`62893`, `db.local:5432`) or `tcp/3000`. */
  target: string | null;
  /** 'up' | 'down' | 'flapping' | 'owner-changed' | a conflict kind | 'exposed'. */
  event: string;
  pid: number | null;
  process: string | null;
  detail: string;
}

export interface HistoryQuery {
  port?: number;
  /** Inclusive lower bound on `at`. */
  since?: number;
  /** Inclusive upper bound on `at`. */
  until?: number;
  kinds?: HistoryKind[];
  /** Keep only the newest N matches. */
  limit?: number;
}

const port = z.int().min(1).max(65535);

// Plain z.object: fields a newer Porthole adds to a line are ignored, not a reason to skip the line.
export const historyEntrySchema: z.ZodType<HistoryEntry> = z.object({
  at: z.number(),
  kind: z.enum(HISTORY_KINDS as [HistoryKind, ...HistoryKind[]]),
  port: port.nullable(),
  protocol: z.enum(['tcp', 'udp']).nullable(),
  target: z.string().nullable(),
  event: z.string().min(1),
  pid: z.int().min(0).nullable(),
  process: z.string().nullable(),
  detail: z.string(),
});

export const historyQuerySchema: z.ZodType<HistoryQuery> = z.strictObject({
  port: port.optional(),
  since: z.number().optional(),
  until: z.number().optional(),
  kinds: z.array(z.enum(HISTORY_KINDS as [HistoryKind, ...HistoryKind[]])).optional(),
  limit: z.int().min(0).optional(),
});

/** `port: Too big: expected number to be <=65535`, one clause per issue. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

export function matchesQuery(entry: HistoryEntry, q: HistoryQuery): boolean {
  if (q.port !== undefined && entry.port !== q.port) return false;
  if (q.since !== undefined && entry.at < q.since) return false;
  if (q.until !== undefined && entry.at > q.until) return false;
  if (q.kinds !== undefined && !q.kinds.includes(entry.kind)) return false;
  return true;
}
