// `container`: a container engine publishes this port: which container, its image and internal port, and how to stop it.
import { containerStopCommand } from '../../../domain/container-actions.js';
import { containerPublishText } from '../../../domain/socket-owner.js';
import type { ExplainCheck, Finding } from '../check.js';
import { finding, socketPids, targetListeners } from '../port-facts.js';

const NAME = 'container';

export const containerCheck: ExplainCheck = {
  name: NAME,
  run(ctx): Promise<Finding[]> {
    const engines = ctx.snapshot?.engines ?? [];
    if (!ctx.snapshot) return Promise.resolve([]);
    if (engines.length === 0) {
      return Promise.resolve([finding(NAME, 'skipped', 'no container engine found')]);
    }
    const published = targetListeners(ctx).filter((s) => s.container);
    const { port, protocol } = ctx.input.target;
    if (published.length === 0) {
      const answered = engines.some((e) => e.state === 'available');
      const message = answered
        ? `No container publishes ${protocol}/${port}.`
        : `No container engine answered, so containers publishing ${port} cannot be named.`;
      return Promise.resolve([finding(NAME, answered ? 'ok' : 'skipped', message)]);
    }
    const inUse = ctx.input.situation === 'address-in-use';
    return Promise.resolve(
      published.map((s) => {
        const c = s.container!;
        const stop = containerStopCommand(c, engines);
        const fix = inUse ? `stop the container (${stop}) or publish it on another port` : null;
        return finding(
          NAME,
          inUse ? 'problem' : 'info',
          `${containerPublishText(s)}.`,
          fix,
          socketPids(s),
        );
      }),
    );
  },
};
