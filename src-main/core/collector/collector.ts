// The collector contract: one call that returns a full, normalized snapshot of the machine's sockets.
import type { Clock, Snapshot } from '../../domain/model.js';
import type { ContainerSource } from '../containers/source.js';

export type SourceName = 'proc' | 'systeminformation';
export type SourceChoice = 'auto' | SourceName;
export const SOURCE_CHOICES: readonly SourceChoice[] = ['auto', 'proc', 'systeminformation'];

export interface Collector {
  readonly source: SourceName;
  /** A full, normalized snapshot. Throws CollectorError (reason 'missing-tool' | 'permission' | 'parse' | 'failed') when nothing can be collected. */
  snapshot(): Promise<Snapshot>;
}

export interface CollectorOptions {
  /** Default: env PORTHOLE_SOURCE, else 'auto' (the /proc source on Linux when /proc/net/tcp is readable). */
  source?: SourceChoice;
  /** Default '/proc' (tests may point at a fake tree). */
  procRoot?: string;
  clock?: Clock;
  /** Container engines whose published ports are joined to sockets; default null (forwarders'
   *  targets are still read from their command lines). PORTHOLE_CONTAINERS=off turns it off. */
  containers?: ContainerSource | null;
}
