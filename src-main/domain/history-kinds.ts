// The kinds of history entry, apart from their zod checks: `porthole history --help` lists them
// without loading zod.

export type HistoryKind =
  'watch' | 'conflict-appeared' | 'conflict-resolved' | 'owner-changed' | 'exposure';

export const HISTORY_KINDS: readonly HistoryKind[] = [
  'watch',
  'conflict-appeared',
  'conflict-resolved',
  'owner-changed',
  'exposure',
];
