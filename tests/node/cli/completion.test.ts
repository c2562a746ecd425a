// `porthole completion`: scripts written from the program tree, run in the real shells.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { completionScript } from '../../../src-main/cli/completion/scripts.js';
import { cliContext } from '../../../src-main/cli/context.js';
import { buildProgram } from '../../../src-main/cli/program.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'porthole-completion-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  cleanupConfigDirs();
});

/** The program as main builds it, for its command names (nothing is written anywhere). */
function program(): Command {
  const sink = { write: () => true };
  return buildProgram(cliContext(sink, sink, {}, () => new Promise(() => {})));
}
const COMMANDS = program()
  .commands.map((c) => c.name())
  .sort();

function has(shell: string): boolean {
  return !spawnSync(shell, ['--version'], { stdio: 'ignore' }).error;
}

/** The script the installed command prints, saved to a file the shell reads. */
const scripts: Record<string, string> = {};
beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell], freshConfigDir());
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(work, `porthole.${shell}`);
    writeFileSync(file, result.stdout);
    scripts[shell] = file;
  }
});

// Sources the script, then calls the function `complete -p` names with COMP_WORDS as given:
// what bash does on Tab. The words travel as arguments, never inside the script text.
const BASH_DRIVER = `source "$1"; shift
fn=$(complete -p porthole | awk '{ for (i = 1; i < NF; i++) if ($i == "-F") print $(i + 1) }')
COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
"$fn"
printf '%s\\n' "\${COMPREPLY[@]}"`;

function bashComplete(...words: string[]): string[] {
  const result = spawnSync('bash', ['--norc', '-c', BASH_DRIVER, 'bash', scripts.bash!, ...words], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .sort();
}

describe('bash', () => {
  test('`porthole w` completes to watch and who', () => {
    expect(bashComplete('porthole', 'w')).toEqual(['watch', 'who']);
  });

  test('`porthole ` offers every command of the program', () => {
    expect(bashComplete('porthole', '').filter((w) => w !== 'help')).toEqual(COMMANDS);
  });

  test("`porthole list --` offers list's options and the global ones, not another command's", () => {
    const words = bashComplete('porthole', 'list', '--');
    expect(words).toEqual(
      expect.arrayContaining(['--all', '--container', '--image', '--json', '--help', '--no-color']),
    );
    expect(words).not.toContain('--near');
    expect(words.every((w) => w.startsWith('--'))).toBe(true);
  });

  test('option values and arguments with choices complete to those choices', () => {
    expect(bashComplete('porthole', 'history', '--format', '')).toEqual(['csv', 'json', 'table']);
    expect(bashComplete('porthole', 'history', '--format', 'c')).toEqual(['csv']);
    expect(bashComplete('porthole', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
  });

  test("a value is not taken for a command: `who --timeout 1 --` still completes who's options", () => {
    expect(bashComplete('porthole', '--json', 'who', '--timeout', '1', '--')).toContain(
      '--timeout',
    );
    expect(bashComplete('porthole', '--json', 'l')).toEqual(['list']);
  });
});

describe.each(['zsh', 'fish'])('%s', (shell) => {
  const present = has(shell);
  test.skipIf(!present)(
    `${shell} -n accepts the script${present ? '' : ` (skipped: ${shell} is not installed)`}`,
    () => {
      const result = spawnSync(shell, ['-n', scripts[shell]!], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    },
  );

  test('names every command of the program', async () => {
    const text = (await runCli(['completion', shell], freshConfigDir())).stdout;
    for (const name of COMMANDS) {
      // zsh: an entry of _describe's list; fish: a subcommand line.
      const entry =
        shell === 'zsh' ? `\n        '${name}:` : `-n __fish_use_subcommand -a ${name} -d`;
      expect(text, name).toContain(entry);
    }
  });
});

test.skipIf(!has('fish'))(
  `fish completes \`porthole w\` and list's options${has('fish') ? '' : ' (skipped: fish is not installed)'}`,
  () => {
    const env = { ...process.env, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work };
    const ask = (line: string): string[] => {
      const result = spawnSync(
        'fish',
        ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', scripts.fish!, line],
        { encoding: 'utf8', env, timeout: 10_000 },
      );
      expect(result.status, result.stderr).toBe(0);
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!);
    };
    expect(ask('porthole w').sort()).toEqual(['watch', 'who']);
    expect(ask('porthole list --')).toEqual(expect.arrayContaining(['--all', '--container']));
  },
);

test('a command added to the program completes in every shell, options included', () => {
  const p = program();
  p.addCommand(
    new Command('zz-added').description('added later').option('--zz-flag <v>', 'a flag'),
  );
  expect(completionScript('bash', p)).toMatch(/"zz-added"\) .*_opts="--zz-flag/);
  expect(completionScript('zsh', p)).toContain("'zz-added:added later'");
  expect(completionScript('zsh', p)).toContain("'--zz-flag=[a flag]:zz-flag:'");
  expect(completionScript('fish', p)).toContain(
    "complete -c porthole -n '__fish_seen_subcommand_from zz-added' -l zz-flag -x -d 'a flag'",
  );
});

test('an unknown shell is refused with exit 2 and the choices', async () => {
  const result = await runCli(['completion', 'tcsh'], freshConfigDir());
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/bash, zsh, fish/);
  expect(result.stdout).toBe('');
});
