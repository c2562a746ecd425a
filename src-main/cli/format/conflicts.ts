// Human rendering of conflicts: what is wrong, then the one-line fix.
import type { Conflict } from '../../domain/model.js';
import type { Palette } from './color.js';
import { printable } from './printable.js';

const KIND_LABEL: Record<Conflict['kind'], string> = {
  'shared-port': 'shared port',
  shadowed: 'shadowed',
  'unexpected-owner': 'unexpected owner',
};

/** Lines for a list of conflicts, each with its fix indented under it. */
export function renderConflicts(conflicts: Conflict[], p: Palette): string[] {
  return conflicts.flatMap((c) => [
    `${p.yellow('!')} ${p.bold(`${c.protocol}/${c.port} ${KIND_LABEL[c.kind]}`)}: ${printable(c.message)}`,
    `  ${p.dim('fix:')} ${printable(c.fix)}`,
  ]);
}
