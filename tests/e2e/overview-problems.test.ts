// Overview's problems in Chromium against real sockets (a 127.0.0.1 vs ::1 conflict, a watched port
// gone down): one line each, most urgent first, colours that match their words, lines that open, a
// command that copies, Go to port, and the port pages they lead to; at 420x640 and 1280x800, light and
// dark, with screenshots in tests/e2e/screenshots/overview-*.png and port-*.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { watchProblem } from '../../src-main/domain/problem-list.js';
import { SEVERITY_LABEL, SEVERITY_ORDER, type Severity } from '../../src-main/domain/severity.js';
import { stopAllHolders, type Holder } from '../helpers/sockets.js';
import { launchBrowser, type Browser } from './helpers/browser.js';
import {
  openPortFromProblem,
  openProblem,
  problemLineFor,
  problemLines,
} from './helpers/problems.js';
import { holdConflict, serverState, SEEN_MS, watchGoesDown } from './helpers/scene.js';
import { startServer, type Server } from './helpers/serve.js';
import { openWindow, showView } from './helpers/window.js';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

let server: Server;
let browser: Browser;
let page: Page;
let v4: Holder;
let v6: Holder;
let conflictPort: number;
let doomedPort: number;
let doomedPid: number;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  // Copy writes the real clipboard; the test reads it back.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.origin,
  });
  ({ port: conflictPort, v4, v6 } = await holdConflict());
  ({ page } = await openWindow(browser.context, server));
  ({ port: doomedPort, pid: doomedPid } = await watchGoesDown(server, page));
  await showView(page, 'Overview');
  await problemLineFor(page, conflictPort).waitFor({ timeout: SEEN_MS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stopAllHolders();
  await server?.stop();
});

async function shoot(name: string): Promise<void> {
  // Let row highlights and fades finish, so the shot shows the resting state.
  await page.waitForTimeout(1_500);
  await page.screenshot({ path: `${DIR}${name}.png` });
}

/** The severity a chip says in words, from its visible (or screen-reader) text. */
async function chipSeverity(chip: Locator): Promise<Severity> {
  const text = ((await chip.textContent()) ?? '').trim();
  const severity = SEVERITY_ORDER.find((s) => SEVERITY_LABEL[s] === text);
  if (!severity) throw new Error(`a chip says "${text}", not a severity`);
  return severity;
}

/** `#b42318` → `rgb(180, 35, 24)`, as getComputedStyle writes a colour. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** A chip is drawn in the theme's colour for the severity its word names (light or dark). */
async function expectHonestColour(chip: Locator, scheme: 'light' | 'dark'): Promise<void> {
  const severity = await chipSeverity(chip);
  const { actual, declared } = await chip.evaluate((el, name) => {
    const win = globalThis as unknown as {
      getComputedStyle(e: unknown): { color: string; getPropertyValue(p: string): string };
      document: { documentElement: unknown };
    };
    return {
      actual: win.getComputedStyle(el).color,
      declared: win
        .getComputedStyle(win.document.documentElement)
        .getPropertyValue(`--sev-${name}`),
    };
  }, severity);
  // Chromium resolves light-dark() for the page's scheme; a browser that does not leaves both.
  const pair = /light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/i.exec(declared);
  const hex = pair ? pair[scheme === 'light' ? 1 : 2]! : declared.trim();
  expect(hex, `--sev-${severity}`).toMatch(/^#[0-9a-f]{6}$/i);
  expect(actual, `the ${severity} chip's colour`).toBe(rgb(hex));
}

describe.each([
  { width: 1280, height: 800 },
  { width: 420, height: 640 },
])('Overview problems at $width px', (viewport) => {
  describe.each(['light', 'dark'] as const)('%s', (scheme) => {
    const tag = `${viewport.width}-${scheme}`;

    beforeAll(async () => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
    });

    // Every test starts on the Overview, whatever page the last one ended on.
    beforeEach(async () => {
      await showView(page, 'Overview');
    });

    test('one line per problem, most urgent first: the down watch on top', async () => {
      const lines = problemLines(page);
      await problemLineFor(page, conflictPort).waitFor();
      const count = await lines.count();
      expect(count).toBeGreaterThanOrEqual(2);
      const severities: Severity[] = [];
      for (let i = 0; i < count; i += 1) {
        const line = lines.nth(i);
        expect(await line.getAttribute('aria-expanded')).toBe('false');
        const chip = line.locator('.chip');
        severities.push(await chipSeverity(chip));
        await expectHonestColour(chip, scheme);
        // One line: no taller than two lines of text would be.
        const box = (await line.boundingBox())!;
        expect(box.height).toBeLessThan(48);
      }
      const ranks = severities.map((s) => SEVERITY_ORDER.indexOf(s));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      // The down watch is the first line.
      expect(await lines.first().textContent()).toContain(String(doomedPort));
      expect(severities[0]).toBe('error');
    });

    test('every line fits the window; a long title ends in an ellipsis, in full once opened', async () => {
      const lines = problemLines(page);
      const count = await lines.count();
      for (let i = 0; i < count; i += 1) {
        const fit = await lines.nth(i).evaluate((el) => {
          const button = el as unknown as {
            scrollWidth: number;
            clientWidth: number;
            getBoundingClientRect(): { right: number };
          };
          const win = globalThis as unknown as { innerWidth: number };
          return {
            right: button.getBoundingClientRect().right,
            width: win.innerWidth,
            overflow: button.scrollWidth - button.clientWidth,
          };
        });
        expect(fit.right).toBeLessThanOrEqual(fit.width);
        expect(fit.overflow).toBeLessThanOrEqual(1);
      }
      await page.getByRole('heading', { name: /^Problems/ }).scrollIntoViewIfNeeded();
      await shoot(`overview-problems-${tag}`);
    });

    test('a line opens to its explanation and port, and closes again', async () => {
      const line = problemLineFor(page, conflictPort).first();
      const item = await openProblem(line);
      expect(await line.getAttribute('aria-expanded')).toBe('true');
      const detail = page.locator(`[id="${await line.getAttribute('aria-controls')}"]`);
      const text = (await detail.textContent()) ?? '';
      // The core's explanation names both processes.
      expect(text).toContain(String(v4.pid));
      expect(text).toContain(String(v6.pid));
      await item.getByRole('button', { name: `Open port ${conflictPort}` }).waitFor();
      await line.scrollIntoViewIfNeeded();
      await shoot(`overview-problem-open-${tag}`);
      await line.click();
      expect(await line.getAttribute('aria-expanded')).toBe('false');
      expect(await detail.count()).toBe(0);
    });

    test('the port page marks the answers with the conflict, not green', async () => {
      await openPortFromProblem(page, conflictPort);
      const answers = page.getByRole('list', { name: 'Answers on localhost' });
      await expect.poll(() => answers.getByRole('listitem').count(), { timeout: SEEN_MS }).toBe(2);
      for (const item of await answers.getByRole('listitem').all()) {
        expect(await item.textContent()).not.toContain('●');
        await expectHonestColour(item.locator('.chip'), scheme);
      }
      const region = page.getByRole('region', { name: `Who answers localhost:${conflictPort}` });
      expect(await region.textContent()).toMatch(/localhost → ::1 first: .* answers, not /);
      const conflict = page.getByRole('region', { name: 'Conflicts' }).getByRole('listitem');
      await conflict.first().waitFor();
      await expectHonestColour(conflict.first().locator('.chip'), scheme);
      await region.scrollIntoViewIfNeeded();
      await shoot(`port-conflict-${tag}`);
    });

    test('Go to port opens a down watch’s page, which says it is down and who held it', async () => {
      const box = page.getByRole('textbox', { name: 'Go to port' });
      await box.fill('70000');
      await box.press('Enter');
      await page
        .getByRole('alert')
        .filter({ hasText: /70000 is out of range/ })
        .waitFor();
      await box.fill(String(doomedPort));
      await box.press('Enter');
      await page
        .getByRole('heading', { level: 1, name: `Port ${doomedPort}`, exact: true })
        .waitFor();
      const down = page.getByText(new RegExp(`^Port ${doomedPort} is down: nobody listens on it`));
      await down.waitFor({ timeout: SEEN_MS });
      // Who held it last, as the domain says it (the watch may not have learned the owner's PID).
      const watch = (await serverState(server)).watches.find(
        (w) => w.spec.target.port === doomedPort,
      )!;
      expect(await down.textContent()).toContain(watchProblem(watch).message);
      if (watch.state?.owner?.pid != null) {
        expect(await down.textContent()).toContain(`PID ${doomedPid}`);
      }
      expect(await page.getByText(/it is free/).count()).toBe(0);
      await expectHonestColour(down.locator('xpath=..').locator('.chip'), scheme);
      await shoot(`port-down-${tag}`);
    });
  });
});

describe('copying a fix', () => {
  test('Copy puts the command on the clipboard', async (ctx) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await showView(page, 'Overview');
    const lines = problemLines(page);
    const count = await lines.count();
    let copy: Locator | null = null;
    let item: Locator | null = null;
    for (let i = 0; i < count && copy === null; i += 1) {
      const opened = await openProblem(lines.nth(i));
      const button = opened.getByRole('button', { name: 'Copy command' });
      if ((await button.count()) > 0) {
        copy = button;
        item = opened;
      } else await lines.nth(i).click();
    }
    // The domain names a command only for processes it recognises; none here means nothing to copy.
    if (copy === null || item === null) {
      ctx.skip();
      return;
    }
    const command = ((await item.locator('code').textContent()) ?? '').trim();
    expect(command).not.toBe('');
    await copy.click();
    await page.getByRole('status').filter({ hasText: 'Copied the command' }).waitFor();
    const pasted = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(pasted).toBe(command);
  });
});
