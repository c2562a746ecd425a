#!/usr/bin/env node
// `npm start`: the Electron tray shell is not built yet; say so and point to what works today.
process.stdout.write(
  [
    'Porthole: the desktop tray app (Electron shell) is not built yet.',
    'What works today is the command-line tool over the same core:',
    '  npx porthole list            listeners, with owner PID, process and exposure',
    '  npx porthole who 3000        who holds a port and who answers localhost:3000',
    '  npx porthole conflicts       ports held by several processes or shadowed per family',
    '  npx porthole watch 62893     watch a port go down and come back',
    '  npx porthole --help          everything else',
    '',
  ].join('\n'),
);
