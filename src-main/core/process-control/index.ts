// Process control shared by both transports: identity with a start token, and kill with a re-check.
export { checkPid, inspectProcess, killSupported, type ProcessControlOptions } from './identity.js';
export { killProcess, type KillOptions, type KillRequest } from './kill.js';
export {
  createProcReader,
  createSiReader,
  defaultProcessReader,
  type ListProcesses,
  type ProcessFacts,
  type ProcessReader,
  type SiProcessEntry,
} from '../platform/process-reader.js';
