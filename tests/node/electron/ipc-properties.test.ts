// Property tests of the IPC border over the real service: whatever reaches any contract channel, and
// whoever sends it, comes back as an envelope, never a throw, and a refusal changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  CHANNELS,
  parseRequest,
  type Channel,
  type PortholeBackend,
} from '../../../src-main/shared/contract.js';
import { registerIpc } from '../../../src-main/electron/ipc/register.js';
import type { SenderEvent } from '../../../src-main/electron/ipc/trusted-windows.js';
import { TrustedWindows } from '../../../src-main/electron/ipc/trusted-windows.js';
import { rendererLocation } from '../../../src-main/electron/renderer-location.js';
import {
  ERROR_CODES,
  VALID_REQUESTS,
  anyPayload,
  hostileRequest,
  prototypeKeys,
  validRequestFor,
} from '../../helpers/border-payloads.js';
import { cleanUp, serviceState, startService, type Started } from '../service/service-fixture.js';
import { FakeContents, FakeFrame, fakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

const OUR_URL = 'porthole://app/index.html';
const RUNS = 120;

let started: Started;
let trusted: TrustedWindows;
let ours: FakeContents;
let undo: () => void;
let backendCalls = 0;
/** A watch that exists, so update/remove/snooze requests reach the core's own checks. */
let watchId: string;

beforeAll(async () => {
  started = await startService({
    start: false,
    // Never opens anything: an accepted open-external request lands here.
    openExternal: () => Promise.resolve(),
  });
  watchId = (await started.service.handle('porthole:watches:add', { target: '62893' })).spec.id;
  const counting: PortholeBackend = {
    handle: (channel, request) => {
      backendCalls += 1;
      return started.service.handle(channel, request);
    },
    onEvent: (listener) => started.service.onEvent(listener),
  };
  trusted = new TrustedWindows(
    rendererLocation({ rendererDir: '/app/out/renderer', env: {}, packaged: true }),
  );
  ours = new FakeContents(OUR_URL);
  trusted.add(ours);
  undo = registerIpc(counting, trusted);
});

afterAll(async () => {
  undo();
  await cleanUp();
});

function requestsFor(channel: Channel): fc.Arbitrary<unknown> {
  return fc.oneof(anyPayload, hostileRequest(channel, validRequestFor(channel, watchId)));
}

function contractAccepts(channel: Channel, payload: unknown): boolean {
  try {
    return parseRequest(channel, payload).ok;
  } catch {
    return false; // the wrapper must then answer invalid-request, not throw
  }
}

/** One call through the wrapper, checked: an envelope, a known code, and no change when refused. */
async function callAndCheck(channel: Channel, event: SenderEvent, payload: unknown) {
  const before = serviceState(started);
  const prototype = prototypeKeys();
  const callsBefore = backendCalls;
  const result = (await fakeElectron.ipcMain.invoke(channel, event, payload)) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
  expect(prototypeKeys()).toEqual(prototype);
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(ERROR_CODES).toContain(result.error.code);
    expect(typeof result.error.message).toBe('string');
    expect(serviceState(started)).toBe(before);
  }
  return { result, reachedBackend: backendCalls > callsBefore };
}

interface Sender {
  label: string;
  event: SenderEvent;
  undo: () => void;
}

/** A page that is not ours: http(s) anywhere, or a porthole:// URL outside the app's own host. */
const foreignUrl = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('porthole://evil/index.html', 'file:///etc/passwd', 'about:blank', 'data:,x', ''),
);

/** Every way a call can come from somewhere other than our window's top frame showing our page. */
const foreignSender: fc.Arbitrary<Sender> = fc.oneof(
  // A webContents we never created, even one showing our URL.
  fc.oneof(fc.constant(OUR_URL), foreignUrl).map((url) => {
    const stranger = new FakeContents(url);
    return { label: `stranger ${url}`, event: stranger.senderEvent(), undo: () => undefined };
  }),
  // One of ours that navigated elsewhere.
  foreignUrl.map((url) => {
    const navigated = new FakeContents(url);
    trusted.add(navigated);
    return {
      label: `navigated ${url}`,
      event: navigated.senderEvent(),
      undo: () => trusted.remove(navigated),
    };
  }),
  // One of ours that was closed.
  fc.constant(null).map(() => {
    const closed = new FakeContents(OUR_URL);
    trusted.add(closed);
    closed.destroyed = true;
    return { label: 'destroyed', event: closed.senderEvent(), undo: () => trusted.remove(closed) };
  }),
  // Our window, but a subframe, another frame (process or routing id off), a navigated frame, no frame.
  fc.constant(null).map(() => ({
    label: 'child frame',
    event: ours.senderEvent(
      new FakeFrame(OUR_URL, ours.mainFrame.processId, ours.mainFrame.routingId, ours.mainFrame),
    ),
    undo: () => undefined,
  })),
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }))
    .filter(([p, r]) => p !== 0 || r !== 0)
    .map(([p, r]) => ({
      label: `other frame ${p}/${r}`,
      event: ours.senderEvent(
        new FakeFrame(OUR_URL, ours.mainFrame.processId + p, ours.mainFrame.routingId + r),
      ),
      undo: () => undefined,
    })),
  foreignUrl.map((url) => ({
    label: `navigated frame ${url}`,
    event: ours.senderEvent(new FakeFrame(url, ours.mainFrame.processId, ours.mainFrame.routingId)),
    undo: () => undefined,
  })),
  fc.constant(null).map(() => ({
    label: 'no frame',
    event: ours.senderEvent(null),
    undo: () => undefined,
  })),
);

describe.each(CHANNELS)('%s', (channel) => {
  test('any payload from our window: an envelope; refused by the contract → invalid-request, backend untouched, nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(requestsFor(channel), async (payload) => {
        const { result, reachedBackend } = await callAndCheck(channel, ours.senderEvent(), payload);
        if (!contractAccepts(channel, payload)) {
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
          expect(reachedBackend).toBe(false);
        } else if (!result.ok) {
          // Accepted requests the core refuses say why; `failed` would be a handler bug.
          expect(result.error.code).not.toBe('failed');
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('any payload from any other sender: forbidden, backend untouched, nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        foreignSender,
        fc.oneof(fc.constant(VALID_REQUESTS[channel]), anyPayload),
        async (sender, payload) => {
          try {
            const { result, reachedBackend } = await callAndCheck(channel, sender.event, payload);
            expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
            expect(reachedBackend).toBe(false);
          } finally {
            sender.undo();
          }
        },
      ),
      { numRuns: RUNS / 2 },
    );
  });
});
