// One round at one N: warm every method up, sample them interleaved so background load hits all
// alike, take medians, and check which farm listeners each method saw with the right PID.
import { checkListeners } from './listeners.js';
import { median } from './cpu.js';

/**
 * @typedef {import('./tools.js').Method} Method
 * @typedef {import('./tools.js').Sample} Sample
 * @typedef {{id: string, label: string, cpuMs: number, wallMs: number, selfMs: number|null,
 *   childMs: number|null, samples: number, check: ReturnType<typeof checkListeners> | null}} MethodResult
 */

/**
 * @param {Method[]} methods
 * @param {import('./farm.js').Listener[]} expected
 * @param {number} repeats samples per method after the warm-up
 * @returns {Promise<MethodResult[]>}
 */
export async function measureRound(methods, expected, repeats) {
  for (const m of methods) await m.sample(); // warm-up: JIT, page cache, dentries; discarded
  /** @type {Map<string, Sample[]>} */
  const samples = new Map(methods.map((m) => [m.id, []]));
  for (let r = 0; r < repeats; r++) {
    // Rotate the order each repeat so no method always runs right after the same neighbour.
    for (let i = 0; i < methods.length; i++) {
      const m = /** @type {Method} */ (methods[(i + r) % methods.length]);
      samples.get(m.id)?.push(await m.sample());
    }
  }
  const results = [];
  for (const m of methods) {
    const list = samples.get(m.id) ?? [];
    const seen = await m.listeners();
    const pick = (/** @type {keyof Sample} */ key) =>
      list.every((s) => s[key] !== undefined) ? median(list.map((s) => Number(s[key]))) : null;
    results.push({
      id: m.id,
      label: m.label,
      cpuMs: median(list.map((s) => s.cpuMs)),
      wallMs: median(list.map((s) => s.wallMs)),
      selfMs: pick('selfMs'),
      childMs: pick('childMs'),
      samples: list.length,
      check: seen ? checkListeners(seen, expected) : null,
    });
  }
  return results;
}
