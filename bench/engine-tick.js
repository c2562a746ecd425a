// The `tick-engine` row: the collector's steady tick with a container engine present (the fake one
// of fake-engine.js, publishing some of the farm's ports), and how many requests the engine got.
import { importBuilt } from './built.js';
import { timeInProcess } from './cpu.js';
import { containersPublishing, startFakeEngine } from './fake-engine.js';
import { fromSnapshot } from './listeners.js';

/**
 * @typedef {import('./tools.js').Method} Method
 * @typedef {import('./built.js').BuiltModules['core/collector/index.js']['createCollector']} CreateCollector
 * @typedef {import('./built.js').BuiltModules['core/containers/index.js']['createContainerSource']} CreateContainerSource
 * @typedef {{containers: number, attributed: number, engineOnly: number, engineState: string, warmRequests: string[],
 *   steadyTicks: number, steadyRequests: string[]}} EngineTickFacts
 */

/** How many containers the fake engine lists, each publishing one farm listener's port. */
const CONTAINERS = 50;

/** Loads createContainerSource from out/node; null (with the reason) while it is not built. */
export async function loadContainerSource() {
  try {
    const containers = await importBuilt('core/containers/index.js');
    return { createContainerSource: containers.createContainerSource, error: null };
  } catch (error) {
    return { createContainerSource: null, error: String(error) };
  }
}

/**
 * Starts the fake engine and a collector on it, warmed by one snapshot (which lists the containers).
 * @param {CreateCollector} createCollector
 * @param {CreateContainerSource} createContainerSource
 * @param {import('./farm.js').Listener[]} listeners the farm's, some of which the containers publish
 */
export async function startEngineTick(createCollector, createContainerSource, listeners) {
  const step = Math.max(1, Math.floor(listeners.length / CONTAINERS));
  const chosen = listeners.filter((_, i) => i % step === 0).slice(0, CONTAINERS);
  const engine = await startFakeEngine(containersPublishing(chosen));
  const source = createContainerSource({
    env: { DOCKER_HOST: `unix://${engine.socketPath}` },
    candidates: [],
    // No docker context from the user's ~/.docker: only the fake engine is asked.
    home: engine.dir,
  });
  const collector = createCollector({ source: 'proc', containers: source });
  let ticks = 0;
  const tick = () => {
    ticks += 1;
    return collector.snapshot();
  };
  try {
    const warm = await collector.snapshot();
    const status = warm.engines?.[0];
    if (status?.state !== 'available') {
      throw new Error(`fake engine ${status?.state ?? 'not found'}: ${status?.reason ?? ''}`);
    }
  } catch (error) {
    source.close();
    await engine.close();
    throw error;
  }
  const warmRequests = engine.requests.slice();
  let closed = false;
  /** @type {Method} */
  const method = {
    id: 'tick-engine',
    label: 'Porthole steady tick, engine (proc)',
    sample: () => timeInProcess(tick, 5),
    listeners: async () => fromSnapshot(await tick()),
  };
  return {
    method,
    /** @returns {Promise<EngineTickFacts>} */
    async facts() {
      const snapshot = await collector.snapshot();
      return {
        containers: chosen.length,
        attributed: snapshot.sockets.filter((s) => s.container && s.published !== 'engine').length,
        engineOnly: snapshot.sockets.filter((s) => s.published === 'engine').length,
        engineState: snapshot.engines?.map((e) => `${e.id} ${e.state}`).join(', ') ?? 'none',
        warmRequests,
        steadyTicks: ticks + 1,
        steadyRequests: engine.requests.slice(warmRequests.length),
      };
    },
    /** Closes the source and the engine; safe to call again. */
    async close() {
      if (closed) return;
      closed = true;
      source.close();
      await engine.close();
    },
  };
}

/** The sanity line under a round's table. @param {EngineTickFacts} f */
export function engineTickLine(f) {
  const steady = f.steadyRequests.length;
  return (
    `  tick-engine: fake Docker engine (${f.engineState}), ${f.containers} containers publishing farm ports;` +
    ` ${f.attributed} sockets attributed, ${f.engineOnly} listed as published by the engine alone (farm holders are node, not forwarders);` +
    ` engine requests: ${f.warmRequests.length} to warm up (${f.warmRequests.join(', ')}), ${steady} during ${f.steadyTicks} steady ticks` +
    (steady > 0 ? ` (EXPECTED 0: ${f.steadyRequests.slice(0, 5).join(', ')})` : '')
  );
}
