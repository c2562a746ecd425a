import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  PortholeError,
  createPortholeApi,
  type PortholeApi,
} from '../../../src-main/shared/api.js';
import {
  EVENT_CHANNEL,
  type Channel,
  type PortholeEvent,
} from '../../../src-main/shared/contract.js';
import { ipcInvoke } from '../../../src-main/preload/ipc-transport.js';
import { fakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

const { ipcRenderer, contextBridge } = fakeElectron;
let api: PortholeApi;
beforeAll(async () => {
  await import('../../../src-main/preload/index.js');
  api = contextBridge.exposed.get('porthole') as PortholeApi;
});

beforeEach(() => {
  ipcRenderer.invoked.length = 0;
  ipcRenderer.listeners.clear();
  ipcRenderer.answer = () => Promise.resolve({ ok: true, value: null });
});

describe('what the page gets', () => {
  test('exactly one global, window.porthole, holding only the domain API', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['porthole']);
    const expected = Object.keys(createPortholeApi(vi.fn(), vi.fn())).sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    for (const leak of ['ipcRenderer', 'invoke', 'send', 'on', 'removeListener']) {
      expect(api).not.toHaveProperty(leak);
    }
  });

  test('a call goes to ipcRenderer.invoke on its channel, and the envelope is unwrapped', async () => {
    ipcRenderer.answer = (channel) => Promise.resolve({ ok: true, value: { channel } });
    await expect(api.whoIsOn(3000)).resolves.toEqual({ channel: 'porthole:ports:who' });
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'porthole:ports:who', args: [{ port: 3000 }] },
    ]);
    await api.getState();
    expect(ipcRenderer.invoked[1]).toEqual({ channel: 'porthole:state:get', args: [undefined] });
  });

  test('an error envelope becomes a PortholeError with its code', async () => {
    ipcRenderer.answer = () =>
      Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'not our window' } });
    const error = await api.removeWatch('w1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortholeError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'not our window' });
  });

  test('a rejected invoke (no handler yet) becomes an unavailable error, not a raw rejection', async () => {
    ipcRenderer.answer = () =>
      Promise.reject(new Error("No handler registered for 'porthole:state:get'"));
    await expect(api.getState()).rejects.toMatchObject({ code: 'unavailable' });
  });

  test('unknown channels never reach ipcRenderer', async () => {
    const invoke = ipcInvoke(ipcRenderer);
    const result = await invoke('porthole:evil' as Channel, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(ipcRenderer.invoked).toEqual([]);
  });
});

describe('events', () => {
  test('listeners get the payload only, never the Electron event', () => {
    const got: unknown[][] = [];
    api.onEvent((...args: unknown[]) => got.push(args));
    const event: PortholeEvent = { type: 'focus-port', port: 3000 };
    ipcRenderer.emit(EVENT_CHANNEL, event);
    expect(got).toEqual([[event]]);
  });

  test('unsubscribe removes exactly that listener', () => {
    const a: PortholeEvent[] = [];
    const b: PortholeEvent[] = [];
    const stopA = api.onEvent((e) => a.push(e));
    api.onEvent((e) => b.push(e));
    stopA();
    stopA(); // twice is harmless
    ipcRenderer.emit(EVENT_CHANNEL, { type: 'focus-port', port: 1 });
    expect(a).toEqual([]);
    expect(b).toEqual([{ type: 'focus-port', port: 1 }]);
    expect(ipcRenderer.listeners.get(EVENT_CHANNEL)).toHaveLength(1);
  });

  test('only the event channel is listened to', () => {
    api.onEvent(() => undefined);
    expect([...ipcRenderer.listeners.keys()]).toEqual([EVENT_CHANNEL]);
  });
});
