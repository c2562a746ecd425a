// The external tools as measured methods: ss, netstat, lsof, and a trivial `/bin/true` spawn as
// the baseline cost of starting any process.
import { execFile } from 'node:child_process';
import { timeCommand } from './cpu.js';
import { fromLsof, fromNetstat, fromSs } from './listeners.js';

/**
 * @typedef {{cpuMs: number, wallMs: number, selfMs?: number, childMs?: number}} Sample
 * @typedef {{id: string, label: string, sample(): Promise<Sample>, listeners(): Promise<import('./listeners.js').Seen | null>}} Method
 */

/** @param {string} file @param {string[]} args */
function capture(file, args) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout) => {
      // lsof exits 1 when some selection found nothing; its output is still complete.
      if (error && !stdout) reject(error);
      else resolve(String(stdout));
    });
  });
}

/**
 * @param {number} runsPerSample how many times one bash runs the command per sample
 * @returns {Method[]}
 */
export function externalMethods(runsPerSample) {
  const tools = [
    { id: 'ss', label: 'ss -tunap', file: 'ss', args: ['-tunap'], parse: fromSs },
    {
      id: 'netstat',
      label: 'netstat -tunap',
      file: 'netstat',
      args: ['-tunap'],
      parse: fromNetstat,
    },
    { id: 'lsof', label: 'lsof -nP -i', file: 'lsof', args: ['-nP', '-i'], parse: fromLsof },
  ];
  /** @type {Method[]} */
  const methods = tools.map((t) => ({
    id: t.id,
    label: t.label,
    sample: () => timeCommand(`${t.file} ${t.args.join(' ')}`, runsPerSample),
    listeners: async () => t.parse(await capture(t.file, t.args)),
  }));
  methods.push({
    id: 'spawn',
    label: '/bin/true (spawn cost)',
    sample: () => timeCommand('/bin/true', runsPerSample),
    listeners: () => Promise.resolve(null),
  });
  return methods;
}

/** Version lines of the tools, for the report. */
export async function toolVersions() {
  /** @param {string} file @param {string[]} args */
  const first = async (file, args) => {
    try {
      const out = await new Promise((resolve) =>
        execFile(file, args, (_e, stdout, stderr) => resolve(`${stdout}${stderr}`)),
      );
      return (
        String(out)
          .split('\n')
          .find((l) => /\d/.test(l))
          ?.trim() ?? 'unknown'
      );
    } catch {
      return 'unknown';
    }
  };
  return {
    ss: await first('ss', ['-V']),
    netstat: await first('netstat', ['-V']),
    lsof: await first('lsof', ['-v']),
    bash: await first('bash', ['--version']),
  };
}
