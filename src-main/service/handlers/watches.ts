// Watch channels: add, edit, remove and snooze; persisted in settings and handed to the monitor.
import type { WatchInput, WatchView } from '../../shared/contract.js';
import type { WatchSpec } from '../../domain/model.js';
import { createWatchSpec } from '../../core/watches/watch-spec.js';
import { targetText } from '../../domain/endpoint.js';
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import type { HandlersFor } from './types.js';

type WatchChannel =
  | 'porthole:watches:add'
  | 'porthole:watches:update'
  | 'porthole:watches:remove'
  | 'porthole:watches:snooze';

function notFound(id: string): Error {
  return serviceError('not-found', `there is no watch with id ${JSON.stringify(id)}`);
}

function taken(spec: WatchSpec): Error {
  return serviceError(
    'conflict',
    `a watch with id ${JSON.stringify(spec.id)} already exists (${targetText(spec.target)}); edit that one instead`,
  );
}

/** The id createWatchSpec gives a target when none is chosen. */
function defaultId(spec: WatchSpec): string {
  return createWatchSpec({ target: spec.target }).id;
}

/** The edited spec. An id that was derived from the old target follows the new one. */
function edited(current: WatchSpec, changes: Partial<WatchInput>): WatchSpec {
  const pick = <T>(value: T | undefined, fallback: T): T =>
    value === undefined ? fallback : value;
  const targetChanged = changes.target !== undefined;
  const keepId = !targetChanged || current.id !== defaultId(current);
  return createWatchSpec({
    target: pick(changes.target, targetText(current.target)),
    expect: pick(changes.expect, current.expect),
    intervalMs: pick(changes.intervalMs, current.intervalMs),
    failuresToDown: pick(changes.failuresToDown, current.failuresToDown),
    successesToUp: pick(changes.successesToUp, current.successesToUp),
    label: pick(changes.label, current.label),
    ...(keepId ? { id: current.id } : {}),
  });
}

function sameTarget(a: WatchSpec, b: WatchSpec): boolean {
  return targetText(a.target) === targetText(b.target);
}

export function watchHandlers(ctx: ServiceContext): HandlersFor<WatchChannel> {
  const view = (id: string): WatchView => {
    const spec = ctx.settings.watches.find((w) => w.id === id);
    if (!spec) throw notFound(id);
    return ctx.viewOf(spec);
  };

  return {
    'porthole:watches:add': async (input) => {
      const spec = createWatchSpec(input);
      const next = await ctx.saveSettings((settings) => {
        if (settings.watches.some((w) => w.id === spec.id)) throw taken(spec);
        return { ...settings, watches: [...settings.watches, spec] };
      });
      ctx.applyWatches(next.watches);
      return view(spec.id);
    },

    'porthole:watches:update': async ({ id, changes }) => {
      const outcome = { id, reset: [] as string[] };
      const next = await ctx.saveSettings((settings) => {
        const current = settings.watches.find((w) => w.id === id);
        if (!current) throw notFound(id);
        const spec = edited(current, changes);
        if (spec.id !== id && settings.watches.some((w) => w.id === spec.id)) throw taken(spec);
        outcome.id = spec.id;
        // Same id, new target: the old up/down record says nothing about the new one.
        outcome.reset = spec.id === id && !sameTarget(current, spec) ? [id] : [];
        return { ...settings, watches: settings.watches.map((w) => (w.id === id ? spec : w)) };
      });
      ctx.applyWatches(next.watches, outcome.reset);
      return view(outcome.id);
    },

    'porthole:watches:remove': async ({ id }) => {
      let found = false;
      const next = await ctx.saveSettings((settings) => {
        found = settings.watches.some((w) => w.id === id);
        return found
          ? { ...settings, watches: settings.watches.filter((w) => w.id !== id) }
          : settings;
      });
      if (found) ctx.applyWatches(next.watches);
      return found;
    },

    'porthole:watches:snooze': ({ id, until }) => {
      if (id !== null && !ctx.settings.watches.some((w) => w.id === id)) {
        return Promise.reject(notFound(id));
      }
      ctx.monitor.snooze(id, until);
      const watches = ctx.watchViews();
      ctx.emit({ type: 'watches', watches });
      return Promise.resolve(watches);
    },
  };
}
