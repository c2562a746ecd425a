// Browser mode's event ordering: held while a state travels, those it holds dropped, gaps noticed.
import { describe, expect, test } from 'vitest';
import type { PortholeEvent } from '../../../src-main/shared/contract.js';
import { EventOrder, MAX_QUEUED, parsePosition } from '../../../src-renderer/lib/event-order.js';

const port = (n: number): PortholeEvent => ({ type: 'focus-port', port: n });

function setup() {
  const delivered: number[] = [];
  const order = new EventOrder((event) => {
    if (event.type === 'focus-port') delivered.push(event.port);
  });
  return { order, delivered };
}

describe('EventOrder', () => {
  test('without a state on its way, events pass at once', () => {
    const { order, delivered } = setup();
    order.ready({ instance: 'a', seq: 4 });
    order.event(port(5), 5);
    order.event(port(6), null);
    expect(delivered).toEqual([5, 6]);
  });

  test('events wait for the state; those it holds are dropped, the rest follow in order', () => {
    const { order, delivered } = setup();
    expect(order.ready({ instance: 'a', seq: 10 })).toBe(false);
    order.beginSync();
    order.event(port(11), 11);
    order.event(port(12), 12);
    order.event(port(13), 13);
    expect(delivered).toEqual([]);
    order.settle({ instance: 'a', seq: 12 });
    expect(delivered).toEqual([]); // still waiting: the window applies the state first
    expect(order.endSync()).toBe(false);
    expect(delivered).toEqual([13]);
    // Later events: one the state already held (a repeat after a reconnect) is dropped too.
    order.event(port(13), 13);
    order.event(port(14), 14);
    expect(delivered).toEqual([13, 14]);
  });

  test('a state older than the stream misses events: a fresh one is asked for', () => {
    const { order } = setup();
    order.beginSync();
    order.ready({ instance: 'a', seq: 20 });
    expect(order.predatesStream({ instance: 'a', seq: 19 })).toBe(true);
    expect(order.predatesStream({ instance: 'a', seq: 20 })).toBe(false);
    order.settle({ instance: 'a', seq: 19 });
    expect(order.endSync()).toBe(true);
  });

  test("a stream that starts after the window's state, or on another server run, asks for a fresh one", () => {
    const { order } = setup();
    order.beginSync();
    order.settle({ instance: 'a', seq: 7 });
    expect(order.endSync()).toBe(false); // no stream yet: nothing to compare with
    expect(order.ready({ instance: 'a', seq: 7 })).toBe(false);
    expect(order.ready({ instance: 'a', seq: 9 })).toBe(true);
    expect(order.ready({ instance: 'b', seq: 0 })).toBe(true);
  });

  test('nested syncs release events only when the last ends', () => {
    const { order, delivered } = setup();
    order.ready({ instance: 'a', seq: 0 });
    order.beginSync();
    order.beginSync();
    order.event(port(1), 1);
    order.settle({ instance: 'a', seq: 0 });
    order.endSync();
    expect(delivered).toEqual([]);
    order.endSync();
    expect(delivered).toEqual([1]);
  });

  test('too many waiting events are dropped in favour of a fresh state', () => {
    const { order, delivered } = setup();
    order.ready({ instance: 'a', seq: 0 });
    order.beginSync();
    for (let seq = 1; seq <= MAX_QUEUED + 1; seq += 1) order.event(port(seq), seq);
    order.settle({ instance: 'a', seq: 0 });
    expect(order.endSync()).toBe(true);
    expect(delivered).toEqual([]);
  });

  test('positions from the server are checked', () => {
    expect(parsePosition({ instance: 'x', seq: 3 })).toEqual({ instance: 'x', seq: 3 });
    for (const bad of [
      null,
      'x',
      { instance: 1, seq: 1 },
      { instance: 'x', seq: -1 },
      { instance: 'x', seq: 1.5 },
      { instance: 'x' },
    ]) {
      expect(parsePosition(bad)).toBeNull();
    }
  });
});
