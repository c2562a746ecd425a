// explain's entry: the runner, the real machine's context and every check, in the order they run.
import type { ExplainCheck } from './check.js';
import { containerCheck } from './checks/container.js';
import { familyCheck } from './checks/family.js';
import { holderCheck } from './checks/holder.js';
import { interfaceCheck } from './checks/interface.js';
import { knownServiceCheck } from './checks/known-service.js';
import { listeningCheck } from './checks/listening.js';

export type { ExplainCheck, ExplainContext, Finding, FindingStatus } from './check.js';
export { explain, type Explanation } from './explain.js';
export { machineContext, type MachineOptions } from './context.js';

/**
 * Every check explain runs. The lead adds privileged, ephemeral, hosts, firewall and remote
 * (./checks/<name>.js, written beside these) when they land.
 */
export const CHECKS: readonly ExplainCheck[] = [
  listeningCheck,
  familyCheck,
  interfaceCheck,
  holderCheck,
  containerCheck,
  knownServiceCheck,
];
