// The Engine API calls Porthole makes: who are you (GET /version), what do you publish
// (GET /containers/json), stop this container (POST /containers/{id}/stop). Answers are validated.
import { z } from 'zod';
import type { ContainerStopResult, EngineKind, PublishedPort } from '../../domain/container.js';
import {
  apiPrefix,
  containerName,
  containerSchema,
  engineKindOf,
  errorSchema,
  inspectSchema,
  publishedPorts,
  versionSchema,
} from './engine-api.js';
import { EngineError, requestEngine, type EngineTarget } from './engine-http.js';

/** Caps on what an engine may send: a list of thousands of containers stays far below. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;
export const MAX_SMALL_BYTES = 1024 * 1024;

export interface EngineIdentity {
  kind: EngineKind;
  /** Path prefix for every later call, e.g. `/v1.41`. */
  prefix: string;
}

export interface ContainerList {
  /** Running containers listed. */
  containers: number;
  ports: PublishedPort[];
  /** Name and image per container ID, for stop()'s message. */
  names: Map<string, { name: string; image: string }>;
}

const arrayOfUnknown = z.array(z.unknown());

const NOT_API = 'answered with something that is not the Docker API';

function parseBody<T>(body: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new EngineError(`${NOT_API} (not JSON)`, 'not-api');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new EngineError(`${NOT_API} (unexpected shape)`, 'not-api');
  return parsed.data;
}

/** The engine's own message from an error answer, or its status when it gave none. */
function engineMessage(status: number, body: string): string {
  try {
    const parsed = errorSchema.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data.message.slice(0, 300);
  } catch {
    // not JSON: the status says enough
  }
  return `HTTP ${status}`;
}

function expectOk(status: number, body: string): void {
  if (status !== 200) throw new EngineError(`answered ${engineMessage(status, body)}`, 'failed');
}

export async function engineIdentity(
  target: EngineTarget,
  timeoutMs: number,
): Promise<EngineIdentity> {
  const reply = await requestEngine(target, {
    method: 'GET',
    path: '/version',
    timeoutMs,
    maxBytes: MAX_SMALL_BYTES,
  });
  // A 404 here is a web server, not an engine: say so rather than "answered HTTP 404".
  if (reply.status === 404) throw new EngineError(`${NOT_API} (no /version)`, 'not-api');
  expectOk(reply.status, reply.body);
  const version = parseBody(reply.body, versionSchema);
  return { kind: engineKindOf(version), prefix: apiPrefix(version.ApiVersion) };
}

export async function listContainers(
  target: EngineTarget,
  engineId: string,
  prefix: string,
  timeoutMs: number,
): Promise<ContainerList> {
  const reply = await requestEngine(target, {
    method: 'GET',
    path: `${prefix}/containers/json`,
    timeoutMs,
    maxBytes: MAX_LIST_BYTES,
  });
  expectOk(reply.status, reply.body);
  const items = parseBody(reply.body, arrayOfUnknown);
  const list: ContainerList = { containers: 0, ports: [], names: new Map() };
  for (const item of items) {
    // Lenient per container: one odd entry must not hide every other container.
    const parsed = containerSchema.safeParse(item);
    if (!parsed.success) continue;
    list.containers++;
    list.ports.push(...publishedPorts(engineId, parsed.data));
    list.names.set(parsed.data.Id, { name: containerName(parsed.data), image: parsed.data.Image });
  }
  if (items.length > 0 && list.containers === 0) {
    throw new EngineError(`${NOT_API} (unexpected shape)`, 'not-api');
  }
  return list;
}

/** Name and image of a container the cache does not know (it may have started a moment ago). */
export async function inspectContainer(
  target: EngineTarget,
  prefix: string,
  id: string,
  timeoutMs: number,
): Promise<{ name: string; image: string } | null> {
  const reply = await requestEngine(target, {
    method: 'GET',
    path: `${prefix}/containers/${id}/json`,
    timeoutMs,
    maxBytes: MAX_SMALL_BYTES,
  }).catch(() => null);
  if (!reply || reply.status !== 200) return null;
  try {
    const data = parseBody(reply.body, inspectSchema);
    return {
      name: data.Name.replace(/^\//, '') || id.slice(0, 12),
      image: data.Config?.Image ?? data.Image,
    };
  } catch {
    return null;
  }
}

/** Stops a container (10 s grace, as `docker stop`); the outcome in words, never a throw. */
export async function stopContainer(
  target: EngineTarget,
  prefix: string,
  id: string,
  label: string,
  timeoutMs: number,
): Promise<ContainerStopResult> {
  try {
    const reply = await requestEngine(target, {
      method: 'POST',
      path: `${prefix}/containers/${id}/stop?t=10`,
      timeoutMs,
      maxBytes: MAX_SMALL_BYTES,
    });
    switch (reply.status) {
      case 204:
        return { ok: true, message: `container ${label} stopped` };
      case 304:
        return { ok: true, message: `container ${label} was already stopped` };
      case 404:
        return { ok: false, message: `no such container: ${label} (it may have been removed)` };
      default:
        return {
          ok: false,
          message: `could not stop container ${label}: ${engineMessage(reply.status, reply.body)}`,
        };
    }
  } catch (error) {
    const words = error instanceof EngineError ? error.message : String(error);
    return { ok: false, message: `could not stop container ${label}: the engine ${words}` };
  }
}
