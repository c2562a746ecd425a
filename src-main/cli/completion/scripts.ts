// The completion scripts for bash, zsh and fish, written from the program's tree (tree.ts).
import type { Command } from 'commander';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { completionTree } from './tree.js';
import { zshScript } from './zsh.js';

export type Shell = 'bash' | 'zsh' | 'fish';

export function completionScript(shell: Shell, program: Command): string {
  const tree = completionTree(program);
  switch (shell) {
    case 'bash':
      return bashScript(tree);
    case 'zsh':
      return zshScript(tree);
    case 'fish':
      return fishScript(tree);
  }
}
