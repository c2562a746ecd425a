// The in-process methods: Porthole's full snapshot and steady-state tick (proc source), the bare
// /proc/net reads they cannot go below, and raw systeminformation.networkConnections().
import { readFileSync } from 'node:fs';
import si from 'systeminformation';
import { importBuilt } from './built.js';
import { timeInProcess } from './cpu.js';
import { fromSnapshot, fromSysteminformation } from './listeners.js';

/**
 * @typedef {import('./tools.js').Method} Method
 * @typedef {import('./built.js').BuiltModules['core/collector/index.js']} CollectorModule
 */

/** Loads the compiled collector; null (with the reason) while it is not written or built yet. */
export async function loadCollector() {
  try {
    const core = await importBuilt('core/collector/index.js');
    return {
      createCollector: core.createCollector,
      createProcCollector: core.createProcCollector,
      error: null,
    };
  } catch (error) {
    return { createCollector: null, createProcCollector: null, error: String(error) };
  }
}

const PROC_NET = ['tcp', 'tcp6', 'udp', 'udp6'].map((t) => `/proc/net/${t}`);

function readProcNet() {
  for (const file of PROC_NET) readFileSync(file, 'latin1');
  return Promise.resolve();
}

/**
 * @param {CollectorModule['createCollector'] | null} createCollector null while not built
 * @param {CollectorModule['createProcCollector'] | null} [createProcCollector]
 * @param {Method[]} [afterTick] rows measured next to the steady tick (bench/engine-tick.js)
 * @returns {Promise<Method[]>}
 */
export async function inProcessMethods(
  createCollector,
  createProcCollector = null,
  afterTick = [],
) {
  /** @type {Method[]} */
  const methods = [];
  if (createCollector) {
    const full = () => createCollector({ source: 'proc' }).snapshot();
    // One collector kept for the whole round: after its first snapshot, calls with nothing
    // changed are what Porthole pays on every steady-state tick.
    const steady = createCollector({ source: 'proc' });
    await steady.snapshot();
    methods.push(
      {
        id: 'full',
        label: 'Porthole full snapshot (proc)',
        sample: () => timeInProcess(full, 2),
        listeners: async () => fromSnapshot(await full()),
      },
      {
        id: 'tick',
        label: 'Porthole steady tick (proc)',
        sample: () => timeInProcess(() => steady.snapshot(), 5),
        listeners: async () => fromSnapshot(await steady.snapshot()),
      },
      ...afterTick,
    );
  }
  if (createProcCollector) {
    // The steady tick skips the tables while the kernel's socket counters stay put, and re-reads
    // them at least every 10 s; this row is that forced re-read (all caches warm), for honesty.
    const reread = createProcCollector({ procRoot: '/proc', clock: Date.now, maxStaleMs: 0 });
    await reread.snapshot();
    methods.push({
      id: 'reread',
      label: 'Porthole forced re-read (warm caches)',
      sample: () => timeInProcess(() => reread.snapshot(), 5),
      listeners: async () => fromSnapshot(await reread.snapshot()),
    });
  }
  methods.push({
    // The floor of any /proc-based collector: the kernel walks its socket hash tables on each read.
    id: 'procread',
    label: 'read /proc/net/{tcp,tcp6,udp,udp6} only',
    sample: () => timeInProcess(readProcNet, 5),
    listeners: () => Promise.resolve(null),
  });
  methods.push({
    id: 'si',
    label: 'systeminformation networkConnections()',
    sample: () => timeInProcess(() => si.networkConnections(), 3),
    listeners: async () => fromSysteminformation(await si.networkConnections()),
  });
  return methods;
}
