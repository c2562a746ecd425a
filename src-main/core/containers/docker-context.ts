// The docker CLI's current context: its name (DOCKER_CONTEXT, else config.json `currentContext`) and
// its engine address from the context store (contexts/meta/<sha256 of the name>/meta.json).
import path from 'node:path';
import { echoInput } from '../errors.js';
import { readText, statOf } from '../platform/fs-callbacks.js';
import { parseEngineAddress, type ParsedAddress } from './engine-address.js';

export interface DockerContext {
  name: string;
  /** Where its docker endpoint is, or why it cannot be used. */
  parsed: ParsedAddress;
}

/**
 * The string at `keys` in the docker CLI's JSON, or undefined when any step is missing or of another
 * type. Two optional strings are all Porthole reads of these files (config.json's currentContext,
 * meta.json's Endpoints.docker.Host), so no schema library is loaded for them: `list` starts faster.
 */
export function stringAt(data: unknown, ...keys: string[]): string | undefined {
  let value = data;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}

/** `$DOCKER_CONFIG`, else `~/.docker`: where the docker CLI keeps config.json and contexts. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  const fromEnv = env.DOCKER_CONFIG?.trim();
  return fromEnv ? fromEnv : path.join(home, '.docker');
}

/**
 * The context the docker CLI would use, or null when it uses the default one (which DOCKER_HOST or
 * the default socket already cover). A named context that cannot be read comes back with a problem.
 */
export async function currentDockerContext(
  env: NodeJS.ProcessEnv,
  home: string,
): Promise<DockerContext | null> {
  const dir = dockerConfigDir(env, home);
  const name = env.DOCKER_CONTEXT?.trim() || (await configuredContext(dir));
  if (!name || name === 'default') return null;
  return { name, parsed: await contextAddress(dir, name) };
}

async function configuredContext(dir: string): Promise<string | null> {
  const text = await readText(path.join(dir, 'config.json')).catch(() => null);
  if (text === null) return null;
  // A config.json the CLI itself could not read names no context: the default one applies.
  return stringAt(safeJson(text), 'currentContext')?.trim() ?? null;
}

async function contextAddress(dir: string, name: string): Promise<ParsedAddress> {
  // node:crypto only for a named context: most runs have none, and a one-shot command starts faster.
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(name).digest('hex');
  const metaPath = path.join(dir, 'contexts', 'meta', hash, 'meta.json');
  const shown = JSON.stringify(echoInput(name));
  const text = await readText(metaPath).catch(() => null);
  if (text === null) {
    return {
      problem: `docker context ${shown} has no metadata at ${metaPath}: check \`docker context ls\``,
    };
  }
  const host = stringAt(safeJson(text), 'Endpoints', 'docker', 'Host')?.trim();
  if (!host) {
    return { problem: `docker context ${shown} names no docker endpoint in ${metaPath}` };
  }
  const tlsDir = path.join(dir, 'contexts', 'tls', hash, 'docker');
  const tls = await statOf(tlsDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return parseEngineAddress(host, { tls });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
