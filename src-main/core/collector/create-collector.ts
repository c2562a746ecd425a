// Picks the socket source: /proc on Linux when readable, systeminformation everywhere else.
import { accessSync, constants } from 'node:fs';
import { InputError } from '../errors.js';
import { systemClock } from '../../domain/model.js';
import {
  SOURCE_CHOICES,
  type Collector,
  type CollectorOptions,
  type SourceChoice,
  type SourceName,
} from './collector.js';
import { withContainers } from './container-collector.js';
import { createProcCollector } from './proc-collector.js';
import { createSiCollector } from './si-collector.js';

/** Validates a source choice from options or PORTHOLE_SOURCE; empty or unset means 'auto'. */
export function parseSourceChoice(raw: unknown, origin = 'PORTHOLE_SOURCE'): SourceChoice {
  if (raw === undefined || raw === null) return 'auto';
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (typeof raw === 'string' && text === '') return 'auto';
  if ((SOURCE_CHOICES as readonly string[]).includes(text)) return text as SourceChoice;
  throw new InputError(
    `${origin} must be one of ${SOURCE_CHOICES.join(', ')} (got ${JSON.stringify(raw)}).`,
  );
}

function canRead(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

const CONTAINER_CHOICES = ['auto', 'on', 'off'] as const;

/** PORTHOLE_CONTAINERS: `off` asks no container engine; empty, unset, `on` or `auto` leave it on. */
export function containersEnabled(raw: unknown, origin = 'PORTHOLE_CONTAINERS'): boolean {
  if (raw === undefined || raw === null) return true;
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
  if (text === '' || text === 'auto' || text === 'on') return true;
  if (text === 'off') return false;
  throw new InputError(
    `${origin} must be one of ${CONTAINER_CHOICES.join(', ')} (got ${JSON.stringify(raw)}).`,
  );
}

/** The source 'auto' stands for here and now. */
export function resolveSource(
  choice: SourceChoice,
  procRoot: string,
  platform: string = process.platform,
): SourceName {
  if (choice !== 'auto') return choice;
  return platform === 'linux' && canRead(`${procRoot.replace(/\/+$/, '')}/net/tcp`)
    ? 'proc'
    : 'systeminformation';
}

export function createCollector(options: CollectorOptions = {}): Collector {
  const choice =
    options.source !== undefined
      ? parseSourceChoice(options.source, 'source')
      : parseSourceChoice(process.env.PORTHOLE_SOURCE);
  const procRoot = options.procRoot ?? '/proc';
  const clock = options.clock ?? systemClock;
  const containers = containersEnabled(process.env.PORTHOLE_CONTAINERS)
    ? (options.containers ?? null)
    : null;
  const inner =
    resolveSource(choice, procRoot) === 'proc'
      ? createProcCollector({ procRoot, clock })
      : createSiCollector({ clock });
  // Both sources go through it: docker-proxy on Linux, com.docker.backend or wslrelay elsewhere.
  return withContainers(inner, containers);
}
