// ProblemList: a problem's command is copied with one click, or selected for Ctrl+C when the clipboard refuses.
import { render, screen, within } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildProblems, type Problem } from '../../../src-main/domain/problem-list.js';
import ProblemList from '../../../src-renderer/components/ProblemList.svelte';
import { copyStatus } from '../../../src-renderer/lib/clipboard.js';
import { conflict, listener } from '../fakes.js';
import { watchState, watchView } from '../views/fakes.js';

const COMMAND = 'python3 -m http.server --bind :: 3000';

/** The domain's problems; the first given a command (the domain names one when it recognises the process). */
function problems(): Problem[] {
  const list = buildProblems({
    conflicts: [conflict()],
    watches: [
      watchView(
        { id: 'db', target: { host: 'db.internal', port: 5432 } },
        watchState({ status: 'down', owner: null }),
      ),
    ],
    sockets: [listener({ localAddress: '0.0.0.0', localPort: 8080, exposure: 'all-interfaces' })],
    acknowledgedExposures: [],
  });
  return list.map((p, i) => (i === 0 ? { ...p, command: COMMAND } : p));
}

function setup(list = problems()) {
  const onOpen = vi.fn();
  const onShowWatches = vi.fn();
  render(ProblemList, {
    problems: list,
    onOpen,
    onAcknowledge: vi.fn(() => Promise.resolve()),
    onShowWatches,
  });
  return { list, onOpen, onShowWatches, user: userEvent.setup() };
}

/** A title as a pattern that matches it literally: titles hold parentheses ("node (PID 4121)"). */
function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

function mockClipboard(writeText: () => Promise<void>) {
  const spy = vi.fn(writeText);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: spy }, configurable: true });
  return spy;
}

afterEach(() => {
  window.getSelection()?.removeAllRanges();
});

describe('ProblemList', () => {
  test('Copy puts the command on the clipboard and says so in a live region', async () => {
    const { list, user } = setup();
    const writeText = mockClipboard(() => Promise.resolve());
    await user.click(screen.getByRole('button', { name: literally(list[0]!.title) }));
    expect(screen.getByText(COMMAND)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(writeText).toHaveBeenCalledWith(COMMAND);
    expect(screen.getByRole('status')).toHaveTextContent(copyStatus('copied', 'the command'));
  });

  test('a refused clipboard selects the command for Ctrl+C and says so', async () => {
    const { list, user } = setup();
    mockClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    await user.click(screen.getByRole('button', { name: literally(list[0]!.title) }));
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(screen.getByRole('status')).toHaveTextContent(copyStatus('selected', 'the command'));
    expect(window.getSelection()?.toString()).toBe(COMMAND);
  });

  test('no Copy button for a problem without a command', async () => {
    const { list, user } = setup();
    const plain = list.find((p) => p.command === null)!;
    await user.click(screen.getByRole('button', { name: literally(plain.title) }));
    expect(screen.queryByRole('button', { name: 'Copy command' })).not.toBeInTheDocument();
  });

  test('a remote watch has no port: its line offers the watches instead', async () => {
    const { list, user, onShowWatches, onOpen } = setup();
    const remote = list.find((p) => p.kind === 'watch-down')!;
    expect(remote.port).toBeNull();
    const item = screen
      .getByRole('button', { name: literally(remote.title) })
      .closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: literally(remote.title) }));
    await user.click(within(item).getByRole('button', { name: 'Show watches' }));
    expect(onShowWatches).toHaveBeenCalled();
    expect(onOpen).not.toHaveBeenCalled();
  });

  test('each line can be opened on its own; open lines show the full title', async () => {
    const { list, user } = setup();
    const [a, b] = list;
    await user.click(screen.getByRole('button', { name: literally(a!.title) }));
    await user.click(screen.getByRole('button', { name: literally(b!.title) }));
    expect(screen.getByText(a!.message)).toBeInTheDocument();
    expect(screen.getByText(b!.message)).toBeInTheDocument();
    // A closed line keeps its full title in a tooltip; an open one shows it wrapped instead.
    expect(screen.getByRole('button', { name: literally(a!.title) })).not.toHaveAttribute('title');
  });
});
