// Prints the bench: machine facts, one table per N with ratios to `ss -tunap`, what each method
// missed, PASS/FAIL against the targets; and writes everything as JSON.
import os from 'node:os';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./round.js').MethodResult} MethodResult */

/**
 * @template {Record<string, string>} V
 * @param {V} versions
 */
export function machine(versions) {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  return {
    cores: os.cpus().length,
    cpuModel,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAvgAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
    fdLimitNote: 'farm children run with ulimit -n raised as far as the hard limit allows',
    ...versions,
  };
}

const f1 = (/** @type {number|null} */ x) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(1));
const pad = (/** @type {string} */ s, /** @type {number} */ n) =>
  s.length >= n ? s : s + ' '.repeat(n - s.length);
const lpad = (/** @type {string} */ s, /** @type {number} */ n) =>
  s.length >= n ? s : ' '.repeat(n - s.length) + s;

/** @param {MethodResult} r */
function missedText(r) {
  if (!r.check) return '';
  const { expected, missing, wrongPid, missingByKind } = r.check;
  if (missing + wrongPid === 0) return `all ${expected}`;
  const kinds = Object.entries(missingByKind)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `missed ${missing}, wrong pid ${wrongPid} of ${expected} (${kinds})`;
}

/**
 * @param {{n: number, sockets: number, listeners: number, processes: number, results: MethodResult[]}} round
 * @returns {string[]}
 */
export function roundTable(round) {
  const ss = round.results.find((r) => r.id === 'ss');
  const spawn = round.results.find((r) => r.id === 'spawn');
  const lines = [
    `N = ${round.n.toLocaleString('en-US')}: ${round.sockets} sockets, ${round.listeners} listeners, ${round.processes} farm processes`,
    `  ${pad('method', 40)}${lpad('cpu ms', 9)}${lpad('-spawn', 9)}${lpad('wall ms', 9)}${lpad('x ss', 7)}  listeners seen (pid right)`,
  ];
  for (const r of round.results) {
    const external = ['ss', 'netstat', 'lsof'].includes(r.id);
    const net = external && spawn ? r.cpuMs - spawn.cpuMs : null;
    const ratio = ss && r.id !== 'spawn' ? (r.cpuMs / ss.cpuMs).toFixed(2) : '';
    lines.push(
      `  ${pad(r.label, 40)}${lpad(f1(r.cpuMs), 9)}${lpad(f1(net), 9)}${lpad(f1(r.wallMs), 9)}${lpad(ratio, 7)}  ${missedText(r)}`,
    );
  }
  for (const r of round.results) {
    for (const example of r.check?.examples ?? []) lines.push(`    ${r.id} missed e.g. ${example}`);
  }
  return lines;
}

/** @param {number} bytes @param {{ticks: number}} t */
const perTick = (bytes, t) => Math.round(bytes / Math.max(1, t.ticks));

/**
 * The Monitor tick rows of one round (bench/monitor-tick.js), in the round table's columns; what
 * the ticks did is summed over every tick of the row, warm-up included.
 * @param {import('./monitor-tick.js').MonitorTickSection} section
 * @param {MethodResult[]} roundResults the same round's collector and tool rows, for ss -tunap
 * @returns {string[]}
 */
export function monitorTable(section, roundResults) {
  const ss = roundResults.find((r) => r.id === 'ss');
  const lines = [
    `  Monitor tick = collect + diff + conflict rules + events serialized for one window (${section.watches} watches set):`,
  ];
  for (const r of section.results) {
    const ratio = ss ? (r.cpuMs / ss.cpuMs).toFixed(2) : '';
    const t = r.tally;
    const did = t
      ? `; rules ran ${t.newLists}/${t.ticks}, diff +${t.added} -${t.removed} ~${t.changed}, events ${perTick(t.eventBytes, t)} B/tick (conflicts ${perTick(t.conflictBytes, t)})`
      : '';
    lines.push(
      `  ${pad(r.label, 40)}${lpad(f1(r.cpuMs), 9)}${lpad('-', 9)}${lpad(f1(r.wallMs), 9)}${lpad(ratio, 7)}  ${missedText(r)}${did}`,
    );
  }
  return lines;
}

/**
 * @param {string} name
 * @param {number|null} value
 * @param {number} limit
 * @param {string} unit
 */
export function verdict(name, value, limit, unit) {
  const pass = value !== null && Number.isFinite(value) && value <= limit;
  return {
    name,
    value,
    limit,
    pass,
    line: `${pass ? 'PASS' : 'FAIL'}  ${name}: ${value === null ? 'not measured' : value.toFixed(2) + unit} (target <= ${limit}${unit})`,
  };
}

/** @param {object} data @returns {string} the file written */
export function writeJson(data) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  writeFileSync(`${dir}latest.json`, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** systeminformation's version as installed, read from its package.json. */
export function installedVersion(/** @type {string} */ name) {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return String(JSON.parse(readFileSync(url, 'utf8')).version);
  } catch {
    return 'unknown';
  }
}
