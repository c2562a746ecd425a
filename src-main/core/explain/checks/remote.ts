// `remote`: for a host that is not this machine, one TCP probe tells refused (the host answered,
// nothing listens) from timed out (filtered or down) from a name that does not resolve.
import type { ExplainCheck, Finding } from '../check.js';
import type { ProbeResult } from '../../../domain/model.js';
import { latencyText } from '../../../domain/labels.js';
import { probeErrorText } from '../../../domain/probe-text.js';
import { finding } from './finding.js';
import { isLocalHost, thisMachineNames } from '../port-facts.js';

const NAME = 'remote';
export const REMOTE_PROBE_TIMEOUT_MS = 3000;
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

export function createRemoteCheck(
  localNames: () => readonly string[] = thisMachineNames,
): ExplainCheck {
  return {
    name: NAME,
    run: async (ctx) => {
      const { host, port } = ctx.input.target;
      if (host === null || ctx.input.target.protocol !== 'tcp') return [];
      if (isLocalHost(host, localNames())) return [];
      let result: ProbeResult;
      try {
        result = await ctx.probe(host, port, REMOTE_PROBE_TIMEOUT_MS);
      } catch (error) {
        return [
          finding(NAME, 'skipped', `could not probe ${host}:${port}: ${(error as Error).message}`),
        ];
      }
      return [fromProbe(host, port, result)];
    },
  };
}

export const remoteCheck: ExplainCheck = createRemoteCheck();

function fromProbe(host: string, port: number, r: ProbeResult): Finding {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const via = r.address !== host && r.address !== '' ? ` (${r.address})` : '';
  const after = r.ms === null ? '' : ` after ${latencyText(r.ms)}`;
  if (r.open)
    return finding(NAME, 'ok', `${target}${via} accepts connections now (connected${after}).`);
  const error = r.error ?? '';
  if (error === 'ECONNREFUSED') {
    return finding(
      NAME,
      'problem',
      `${target}${via} was refused${after}: the host is reachable, but nothing listens on port ${port} there.`,
      `start the server on ${host}, and make it listen on an address others reach (0.0.0.0 or its LAN address), not 127.0.0.1 only`,
    );
  }
  if (error === 'timeout' || error === 'ETIMEDOUT') {
    return finding(
      NAME,
      'problem',
      `${target}${via} did not answer within ${latencyText(REMOTE_PROBE_TIMEOUT_MS)}: a firewall drops the packets, or the host is down or unreachable.`,
      `check that ${host} is up and that its firewall (and any on the way) lets TCP ${port} in`,
    );
  }
  if (UNRESOLVED.has(error)) {
    // The hosts check reports the name itself (one problem, not two): here, only that no probe ran.
    return finding(
      NAME,
      'skipped',
      `not probed: ${host} is ${probeErrorText(error)}, so no connection could be tried`,
    );
  }
  return finding(
    NAME,
    'problem',
    `${target}${via}: ${probeErrorText(error)}${after}.`,
    `check the route to ${host} and that it is up`,
  );
}
