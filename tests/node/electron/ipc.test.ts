import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { InputError } from '../../../src-main/core/errors.js';
import { PortholeError } from '../../../src-main/shared/api.js';
import {
  CHANNELS,
  EVENT_CHANNEL,
  type PortholeBackend,
  type PortholeEvent,
} from '../../../src-main/shared/contract.js';
import { registerIpc } from '../../../src-main/electron/ipc/register.js';
import { TrustedWindows } from '../../../src-main/electron/ipc/trusted-windows.js';
import { rendererLocation } from '../../../src-main/electron/renderer-location.js';
import { VALID_REQUESTS } from '../../helpers/border-payloads.js';
import { FakeContents, FakeFrame, fakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

const VALID = VALID_REQUESTS;

/** Wrong for every channel: unknown keys (all schemas are strict), wrong types, or too much. */
const MALFORMED: unknown[] = [
  { bogus: 1 },
  'a string',
  42,
  [1, 2],
  { __proto__: { port: 1 }, x: 1 },
];

class FakeBackend implements PortholeBackend {
  calls: unknown[][] = [];
  listeners: ((event: PortholeEvent) => void)[] = [];
  failWith: unknown = null;
  handle(...args: unknown[]): Promise<never> {
    this.calls.push(args);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- non-Errors are thrown too
    if (this.failWith !== null) return Promise.reject(this.failWith);
    return Promise.resolve({ answered: args[0] } as never);
  }
  onEvent(listener: (event: PortholeEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
  emit(event: PortholeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

const location = rendererLocation({ rendererDir: '/app/out/renderer', env: {}, packaged: true });
let backend: FakeBackend;
let trusted: TrustedWindows;
let ours: FakeContents;
let undo: () => void;

beforeEach(() => {
  backend = new FakeBackend();
  trusted = new TrustedWindows(location);
  ours = new FakeContents('porthole://app/index.html');
  trusted.add(ours);
  undo = registerIpc(backend, trusted);
});

afterEach(() => undo());

const invoke = (channel: string, event = ours.senderEvent(), ...args: unknown[]) =>
  fakeElectron.ipcMain.invoke(channel, event, ...args);

test('every contract channel, and only those, has a handler', () => {
  expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
});

describe.each(CHANNELS)('%s', (channel) => {
  test('a valid request reaches the backend without the event, and comes back in an envelope', async () => {
    const result = await invoke(channel, ours.senderEvent(), VALID[channel]);
    expect(result).toEqual({ ok: true, value: { answered: channel } });
    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]).toHaveLength(2);
    expect(backend.calls[0]![0]).toBe(channel);
    expect(backend.calls[0]![1]).toEqual(VALID[channel]);
  });

  test('malformed payloads are refused as invalid-request, without throwing', async () => {
    for (const payload of MALFORMED) {
      const result = await invoke(channel, ours.senderEvent(), payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    const extra = await invoke(channel, ours.senderEvent(), VALID[channel], 'second argument');
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(backend.calls).toHaveLength(0);
  });

  test('foreign senders are forbidden, without throwing', async () => {
    const stranger = new FakeContents('porthole://app/index.html'); // a window we did not create
    const navigated = new FakeContents('https://evil.example/');
    trusted.add(navigated);
    const destroyed = new FakeContents();
    trusted.add(destroyed);
    destroyed.destroyed = true;
    const { processId, routingId } = ours.mainFrame;
    const url = 'porthole://app/index.html';
    // Each frame below fails exactly one of the checks.
    const childFrame = new FakeFrame(url, processId, routingId, ours.mainFrame);
    const otherFrameSameProcess = new FakeFrame(url, processId, routingId + 1);
    const otherProcess = new FakeFrame(url, processId + 100, routingId);
    const navigatedFrame = new FakeFrame('https://evil.example/', processId, routingId);
    const foreign = [
      stranger.senderEvent(),
      navigated.senderEvent(),
      destroyed.senderEvent(),
      ours.senderEvent(childFrame),
      ours.senderEvent(otherFrameSameProcess),
      ours.senderEvent(otherProcess),
      ours.senderEvent(navigatedFrame),
      ours.senderEvent(null),
    ];
    for (const event of foreign) {
      const result = await invoke(channel, event, VALID[channel]);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(backend.calls).toHaveLength(0);
  });
});

describe('backend failures travel as data', () => {
  test.each([
    [new PortholeError('not-found', 'no watch w1'), 'not-found', 'no watch w1'],
    [new InputError('port 0 is out of range'), 'invalid-request', 'port 0 is out of range'],
    [new Error('disk on fire'), 'failed', 'disk on fire'],
    ['a string was thrown', 'failed', 'a string was thrown'],
  ])('%s → %s', async (thrown, code, message) => {
    backend.failWith = thrown;
    const result = await invoke('porthole:watches:remove', ours.senderEvent(), { id: 'w1' });
    expect(result).toEqual({ ok: false, error: { code, message } });
  });
});

describe('events', () => {
  test('go to our live windows showing our page, and nowhere else', () => {
    const second = new FakeContents('porthole://app/index.html');
    trusted.add(second);
    const stranger = new FakeContents('porthole://app/index.html');
    const navigated = new FakeContents('https://evil.example/');
    trusted.add(navigated);
    const closed = new FakeContents();
    trusted.add(closed);
    closed.destroyed = true;
    const removed = new FakeContents();
    trusted.add(removed);
    trusted.remove(removed);

    const event: PortholeEvent = { type: 'focus-port', port: 3000 };
    backend.emit(event);
    expect(ours.sent).toEqual([{ channel: EVENT_CHANNEL, args: [event] }]);
    expect(second.sent).toEqual([{ channel: EVENT_CHANNEL, args: [event] }]);
    for (const other of [stranger, navigated, closed, removed]) expect(other.sent).toEqual([]);
  });

  test('undo removes every handler and the event subscription', () => {
    undo();
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
    expect(backend.listeners).toHaveLength(0);
    undo = registerIpc(backend, trusted); // afterEach undoes again
  });
});

describe('dev server location', () => {
  test('calls from the dev origin are trusted; another port on localhost is not', async () => {
    undo();
    const dev = rendererLocation({
      rendererDir: '/x',
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
      packaged: false,
    });
    trusted = new TrustedWindows(dev);
    const devPage = new FakeContents('http://localhost:5173/index.html');
    const otherPort = new FakeContents('http://localhost:8080/');
    trusted.add(devPage);
    trusted.add(otherPort);
    undo = registerIpc(backend, trusted);
    expect(await invoke('porthole:state:get', devPage.senderEvent(), undefined)).toMatchObject({
      ok: true,
    });
    expect(await invoke('porthole:state:get', otherPort.senderEvent(), undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
