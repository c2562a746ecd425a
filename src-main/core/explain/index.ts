// explain's entry: the runner, the real machine's context and every check, in the order they run.
import type { ExplainCheck } from './check.js';
import { containerCheck } from './checks/container.js';
import { familyCheck } from './checks/family.js';
import { holderCheck } from './checks/holder.js';
import { interfaceCheck } from './checks/interface.js';
import { knownServiceCheck } from './checks/known-service.js';
import { listeningCheck } from './checks/listening.js';
import { privilegedCheck } from './checks/privileged.js';
import { ephemeralCheck } from './checks/ephemeral.js';
import { hostsCheck } from './checks/hosts.js';
import { firewallCheck } from './checks/firewall.js';
import { remoteCheck } from './checks/remote.js';

export type { ExplainCheck, ExplainContext, Finding, FindingStatus } from './check.js';
export { explain, type Explanation } from './explain.js';
export { machineContext, type MachineOptions } from './context.js';

/** Every check explain runs (the runner ranks their findings; this order breaks ties). */
export const CHECKS: readonly ExplainCheck[] = [
  listeningCheck,
  familyCheck,
  interfaceCheck,
  holderCheck,
  privilegedCheck,
  ephemeralCheck,
  hostsCheck,
  remoteCheck,
  firewallCheck,
  containerCheck,
  knownServiceCheck,
];
