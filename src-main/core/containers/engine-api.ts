// The Engine API answers Porthole reads (GET /version, GET /containers/json, a container's inspect),
// as lenient zod schemas (extra fields pass), and their translation into PublishedPort records.
import { z } from 'zod';
import type { EngineKind, PublishedPort } from '../../domain/container.js';

export const versionSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  Components: z.array(z.object({ Name: z.string() })).nullish(),
});

const portSchema = z.object({
  IP: z.string().nullish(),
  PrivatePort: z.number().int(),
  PublicPort: z.number().int().nullish(),
  Type: z.string(),
});

export const containerSchema = z.object({
  Id: z.string().regex(/^[0-9a-f]{12,64}$/i),
  Names: z.array(z.string()).nullish(),
  Image: z.string(),
  Ports: z.array(portSchema).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
  NetworkSettings: z
    .object({
      Networks: z
        .record(z.string(), z.object({ IPAddress: z.string().nullish() }).nullish())
        .nullish(),
    })
    .nullish(),
});
export type ApiContainer = z.infer<typeof containerSchema>;

export const containerListSchema = z.array(containerSchema);

export const inspectSchema = z.object({
  Name: z.string(),
  Config: z.object({ Image: z.string() }).nullish(),
  Image: z.string(),
});

/** An engine's error body: `{"message": "..."}`. */
export const errorSchema = z.object({ message: z.string() });

/** Podman names itself in /version's components; every other engine speaking this API is Docker. */
export function engineKindOf(version: z.infer<typeof versionSchema>): EngineKind {
  return (version.Components ?? []).some((c) => /podman/i.test(c.Name)) ? 'podman' : 'docker';
}

/** `/v1.45`: the engine's own API version, so an engine that refuses old versions still answers. */
export function apiPrefix(apiVersion: string): string {
  return /^\d{1,2}\.\d{1,3}$/.test(apiVersion) ? `/v${apiVersion}` : '/v1.41';
}

/** The container's name as users type it: the first name, without its leading '/'. */
export function containerName(container: Pick<ApiContainer, 'Names' | 'Id'>): string {
  const first = container.Names?.find((n) => n.replace(/^\//, '') !== '');
  return first ? first.replace(/^\//, '') : container.Id.slice(0, 12);
}

/** The ports a container publishes on the host (ports exposed without PublicPort are not). */
export function publishedPorts(engine: string, container: ApiContainer): PublishedPort[] {
  const labels = container.Labels ?? {};
  const networks = Object.values(container.NetworkSettings?.Networks ?? {});
  const containerAddress = networks.find((n) => n?.IPAddress)?.IPAddress ?? null;
  const result: PublishedPort[] = [];
  for (const port of container.Ports ?? []) {
    const protocol = port.Type.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') continue;
    if (!port.PublicPort || port.PublicPort < 1 || port.PublicPort > 65535) continue;
    result.push({
      protocol,
      hostAddress: port.IP ? port.IP : null,
      hostPort: port.PublicPort,
      containerAddress,
      container: {
        engine,
        id: container.Id,
        name: containerName(container),
        image: container.Image,
        containerPort: port.PrivatePort,
        protocol,
        project: labels['com.docker.compose.project'] ?? null,
        service: labels['com.docker.compose.service'] ?? null,
      },
    });
  }
  return result;
}
