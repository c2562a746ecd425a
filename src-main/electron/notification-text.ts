// Pure: the words of each notification — what happened, and what the user can do about it.
import { containerCommand } from '../domain/container-actions.js';
import { containerLabel, type ContainerRef } from '../domain/container.js';
import { exposureFix } from '../domain/exposure.js';
import { ownerLabel } from '../domain/labels.js';
import type { Conflict, PortSocket, WatchEvent } from '../domain/model.js';
import { agoText } from '../domain/time-text.js';

export interface NoticeText {
  title: string;
  body: string;
}

/**
 * `failingSince`: when the first failed check of this outage happened, if known; it dates "stopped
 * listening 10 s ago" better than the down event, which comes only after failuresToDown checks.
 * `container`: the container whose port the event's PID held, when known ("postgres (container db)").
 */
export function watchNotice(
  event: WatchEvent,
  failingSince: number | null,
  now: number,
  container: ContainerRef | null = null,
): NoticeText {
  const owner = container ? containerLabel(container) : ownerLabel(event.pid, event.process);
  switch (event.event) {
    case 'down': {
      const ago = agoText(failingSince ?? event.at, now);
      // The most useful finding leads: "62893 is down: node (PID 4121) exited".
      if (event.cause) {
        return {
          title: `${event.target} is down: ${event.cause.text}`,
          body: `Down since ${ago}. ${event.cause.fix} Click to see the port.`,
        };
      }
      const again = container
        ? `Start the container again (${containerCommand('start', container)})`
        : 'Start it again';
      return {
        title: `${event.target} is down`,
        body: owner
          ? `${owner} stopped listening ${ago}. ${again}, or click to see the port.`
          : `Nothing answers on ${event.target} (${event.detail}). Click to see the port.`,
      };
    }
    case 'up':
      return { title: `${event.target} is up again`, body: `${event.detail}.` };
    case 'owner-changed':
      return {
        title: `${event.target} has a new owner`,
        body: `${event.detail}. If that is not what you expect, click to inspect the process.`,
      };
    case 'flapping':
      return { title: `${event.target} keeps going up and down`, body: `${event.detail}.` };
  }
}

export function conflictNotice(conflict: Conflict): NoticeText {
  const port = conflict.protocol === 'udp' ? `UDP port ${conflict.port}` : `Port ${conflict.port}`;
  return { title: `${port} has a conflict`, body: `${conflict.message} ${conflict.fix}` };
}

/** One notice per port, however many exposed sockets it has. */
export function exposureNotice(sockets: readonly PortSocket[]): NoticeText {
  const first = sockets[0]!;
  const fix = exposureFix(first) ?? '';
  const what = first.container
    ? `${containerLabel(first.container)} on port ${first.localPort}`
    : `Port ${first.localPort}`;
  return {
    title: `${what} is reachable from other machines`,
    body: `${fix} Click to see the port, or acknowledge it in Porthole.`.trim(),
  };
}
