// Node-free: the part of a command line worth a table cell (the script and its arguments, not the interpreter's path).

/** Interpreters whose first non-option argument is the program that matters. */
const INTERPRETERS =
  /^(python[\d.]*|pypy[\d.]*|node|nodejs|ruby[\d.]*|perl[\d.]*|php[\d.]*|bun|deno|java|sh|bash|zsh|dash)$/;

/** Options that take the next word as their value, per interpreter family. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  node: new Set([
    '-r',
    '--require',
    '--loader',
    '--experimental-loader',
    '--import',
    '--conditions',
    '-C',
  ]),
  python: new Set(['-W', '-X', '-Q']),
  java: new Set([
    '-cp',
    '-classpath',
    '--class-path',
    '-p',
    '--module-path',
    '--add-opens',
    '--add-exports',
    '--add-modules',
  ]),
  other: new Set(),
};

/** Options after which the rest of the line is the program itself (`-m http.server`, `-jar app.jar`, `-c '…'`). */
const PROGRAM_OPTIONS: Record<string, ReadonlySet<string>> = {
  node: new Set(['-e', '--eval', '-p', '--print']),
  python: new Set(['-m', '-c']),
  java: new Set(['-jar', '-m', '--module']),
  other: new Set(['-c', '-e']),
};

function baseName(path: string): string {
  const cut = path.replace(/[/\\]+$/, '');
  return cut.slice(Math.max(cut.lastIndexOf('/'), cut.lastIndexOf('\\')) + 1);
}

function family(interpreter: string): string {
  if (interpreter.startsWith('node')) return 'node';
  if (interpreter.startsWith('python') || interpreter.startsWith('pypy')) return 'python';
  if (interpreter === 'java') return 'java';
  return 'other';
}

/** A script path as people name it: `vite` for node_modules/.bin/vite, `manage.py` for /srv/app/manage.py. */
function scriptName(path: string): string {
  const name = baseName(path);
  if (!/[/\\]node_modules[/\\]/.test(path)) return name;
  // An installed tool: its command name, without the file's extension.
  return name.replace(/\.(c|m)?js$/, '');
}

/** The words after the interpreter's own options: from the program (a `-m module`, a script) on. */
function afterInterpreter(words: readonly string[], kind: string): string[] {
  const valued = VALUE_OPTIONS[kind] ?? new Set<string>();
  const program = PROGRAM_OPTIONS[kind] ?? new Set<string>();
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i]!;
    if (program.has(word)) {
      const rest = words.slice(i);
      // `-jar /opt/app/app.jar` → `-jar app.jar`
      if (word === '-jar' && rest[1] !== undefined) rest[1] = baseName(rest[1]);
      return rest;
    }
    if (valued.has(word)) {
      i += 1;
      continue;
    }
    if (word.startsWith('-')) continue;
    return [scriptName(word), ...words.slice(i + 1)];
  }
  return [];
}

/**
 * The useful part of `command` for a row that already shows `process`: for an interpreter the
 * program and its arguments (`python3 -m http.server 3000` → `-m http.server 3000`,
 * `node …/node_modules/.bin/vite --port 5173` → `vite --port 5173`, `java -Xmx1g -jar /opt/app.jar`
 * → `-jar app.jar`); for any other program its arguments, with its name kept when it is not the
 * process shown (a renamed process title such as `npm run dev`). Null when the command is unknown;
 * '' when there is nothing beyond the program itself.
 */
export function usefulCommand(command: string | null, process: string | null): string | null {
  if (command === null) return null;
  const words = command.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (first === undefined) return '';
  const program = baseName(first);
  if (INTERPRETERS.test(program)) return afterInterpreter(words, family(program)).join(' ');
  // The kernel's process name is cut to 15 characters: `systemd-resolve` for systemd-resolved.
  const same = process !== null && process !== '' && program.startsWith(process);
  return (same ? words.slice(1) : [program, ...words.slice(1)]).join(' ');
}
