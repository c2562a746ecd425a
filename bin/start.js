#!/usr/bin/env node
// `npm start`: builds the desktop app and runs it in Electron, or says plainly why it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, INSTALL_HINT } from '../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const electron = findElectronBinary();
if (!electron.found) {
  process.stdout.write(
    [
      `Porthole: cannot start the desktop app: ${electron.reason}.`,
      `  ${INSTALL_HINT}`,
      '  then run `npm start` again.',
      '',
      'Meanwhile the same core works without Electron:',
      '  npx porthole serve           the Porthole window in your browser (loopback only)',
      '  npx porthole list            listeners, with owner PID, process and exposure',
      '  npx porthole who 3000        who holds a port and who answers localhost:3000',
      '  npx porthole conflicts       ports held by several processes or shadowed per family',
      '  npx porthole watch 62893     watch a port go down and come back',
      '  npx porthole --help          everything else',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

// The project's one build (`npm run build`), so the app never runs a window older than its shell.
process.stdout.write('Porthole: building (npm run build)...\n');
const built = runNpm(['run', 'build']);
if (built.status !== 0) {
  process.stderr.write('Porthole: the build failed (see above); not starting the app.\n');
  process.exit(built.status ?? 1);
}

// With a "main" field Electron can start the project folder (app name and userData follow
// package.json); without one it is handed the bundle itself.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entry = pkg.main ? root : fileURLToPath(new URL('../out/main/index.js', import.meta.url));
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // set, it would turn Electron into plain Node
const child = spawn(electron.path, [entry, ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});

/** Runs npm: the one that started us under `npm start`, else the npm on PATH. */
function runNpm(args) {
  const npmCli = process.env.npm_execpath;
  const options = { cwd: root, stdio: 'inherit' };
  if (npmCli && /\.[cm]?js$/.test(npmCli))
    return spawnSync(process.execPath, [npmCli, ...args], options);
  return spawnSync('npm', args, { ...options, shell: process.platform === 'win32' });
}
