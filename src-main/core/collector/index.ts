// Public face of the socket collector: createCollector() and the pure parsers it is built from.
export type { Collector, CollectorOptions, SourceChoice, SourceName } from './collector.js';
export {
  containersEnabled,
  createCollector,
  parseSourceChoice,
  resolveSource,
} from './create-collector.js';
export { ContainerCollector, withContainers } from './container-collector.js';
export { createProcCollector, type ProcCollectorOptions } from './proc-collector.js';
export { createSiCollector, type SiApi, type SiCollectorOptions } from './si-collector.js';
export {
  decodeProcAddress,
  parseProcNetLine,
  parseProcNetTable,
  type ProcNetEntry,
} from './proc-net-table.js';
export {
  normalizeSiConnection,
  normalizeSiConnections,
  normalizeSiSnapshot,
  type SiConnection,
  type SiProcess,
} from './si-normalize.js';
export { snapshotOrder, sortSockets } from '../../domain/socket-order.js';
