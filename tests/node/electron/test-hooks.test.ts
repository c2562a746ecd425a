import { afterEach, expect, test } from 'vitest';
import { installTestHooks, type PortholeTestHooks } from '../../../src-main/electron/test-hooks.js';

const scope = globalThis as { __portholeTest?: PortholeTestHooks };
afterEach(() => {
  delete scope.__portholeTest;
});

test('no hooks unless PORTHOLE_TEST_HOOKS=1', () => {
  installTestHooks({}, { shownState: () => null });
  expect(scope.__portholeTest).toBeUndefined();
});

test('the hook reports what the tray shows, read live', () => {
  let shown: { icon: 'ok' | 'down'; tooltip: string } | null = null;
  installTestHooks({ PORTHOLE_TEST_HOOKS: '1' }, { shownState: () => shown });
  expect(scope.__portholeTest?.tray()).toEqual({ created: false, icon: null, tooltip: null });
  shown = { icon: 'down', tooltip: 'Porthole — 3 listening · 62893 down' };
  expect(scope.__portholeTest?.tray()).toEqual({
    created: true,
    icon: 'down',
    tooltip: 'Porthole — 3 listening · 62893 down',
  });
});
