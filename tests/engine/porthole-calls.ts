// How the real-engine tests talk to Porthole and to the published ports: the built CLI with
// DOCKER_HOST set to the test daemon, browser mode's contract over HTTP, and plain HTTP clients.
import http from 'node:http';
import { expect } from 'vitest';
import type { EngineStatus } from '../../src-main/domain/container.js';
import type { Conflict, PortSocket } from '../../src-main/domain/model.js';
import type { Envelope, PortholeState } from '../../src-main/shared/contract.js';
import type { DockerDaemon } from '../helpers/docker-daemon.js';
import { freshConfigDir, runCli } from '../node/cli/run-cli.js';
import type { Served } from '../node/web/serve-process.js';

export interface ListJson {
  sockets: PortSocket[];
  engines?: EngineStatus[];
}

export interface WhoJson {
  sockets: PortSocket[];
  conflicts: Conflict[];
}

export interface EngineContainer {
  Id: string;
  Names: string[];
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
}

/** `porthole ARGS` with DOCKER_HOST pointing at the test daemon; expects exit code 0. */
export async function porthole(daemon: DockerDaemon, args: string[]): Promise<string> {
  const result = await runCli(args, freshConfigDir(), { DOCKER_HOST: daemon.host });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

export async function listJson(daemon: DockerDaemon): Promise<PortSocket[]> {
  return (JSON.parse(await porthole(daemon, ['list', '--json'])) as ListJson).sockets;
}

export async function whoJson(daemon: DockerDaemon, port: number): Promise<WhoJson> {
  return JSON.parse(await porthole(daemon, ['who', String(port), '--json'])) as WhoJson;
}

/** The engine `list --json` reports for the test daemon (DOCKER_HOST). */
export async function engineOf(daemon: DockerDaemon): Promise<EngineStatus | undefined> {
  const listed = JSON.parse(await porthole(daemon, ['list', '--json'])) as ListJson;
  return listed.engines?.find((e) => e.endpoint === daemon.host);
}

/** A contract call to `porthole serve`, as the window makes it. */
export async function call<T>(
  served: Served,
  channel: string,
  body: unknown,
): Promise<Envelope<T>> {
  const response = await fetch(
    `http://127.0.0.1:${served.port}/api/${encodeURIComponent(channel)}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Porthole-Token': served.token },
      body: JSON.stringify(body),
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Envelope<T>;
}

/** The words of a refusal, whether the service refused the call or the result says not ok. */
export function refusal(envelope: Envelope<{ ok: boolean; message: string }>): string {
  if (!envelope.ok) return envelope.error.message;
  expect(envelope.value.ok).toBe(false);
  return envelope.value.message;
}

export function socketAt(
  sockets: readonly PortSocket[],
  protocol: 'tcp' | 'udp',
  address: string,
  port: number,
): PortSocket | undefined {
  return sockets.find(
    (s) =>
      s.protocol === protocol &&
      s.localAddress === address &&
      s.localPort === port &&
      s.remotePort === null,
  );
}

export function httpStatusOnce(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: '/', timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${host}:${port}`)));
    req.on('error', reject);
  });
}

/** The status of an HTTP answer on host:port (busybox httpd answers anything, even with a 404).
 *  A forwarder accepts before the container's server listens, so early resets are retried (bounded);
 *  a refused connection is not: nothing forwards that port. */
export async function httpStatus(host: string, port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await httpStatusOnce(host, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED' || attempt === 25) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Waits (bounded) until the service's snapshot shows this container behind the port, as the
 *  window does before it offers to stop it; resolves with that socket. */
export async function shownInService(
  served: Served,
  port: number,
  containerId: string,
): Promise<PortSocket> {
  let seen: PortSocket[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    const state = await call<PortholeState>(served, 'porthole:state:get', undefined);
    seen = state.ok
      ? (state.value.snapshot?.sockets ?? []).filter((s) => s.localPort === port)
      : [];
    const found = seen.find((s) => s.container?.id === containerId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `the service never showed container ${containerId} on port ${port}: ${JSON.stringify(seen)}`,
  );
}
