// The unattributed-sockets notice: a line per cause, "why?", dismissal per cause kept across remounts until the count grows.
import { render, screen } from '@testing-library/svelte';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import UnattributedNotice from '../../../src-renderer/components/UnattributedNotice.svelte';
import { noUnattributed, type UnattributedCounts } from '../../../src-main/domain/index.js';
import { DISMISSALS_KEY } from '../../../src-renderer/lib/unattributed-dismissals.js';

const counts = (over: Partial<UnattributedCounts>): UnattributedCounts => ({
  ...noUnattributed(),
  ...over,
});

const lines = (): string[] =>
  [...document.querySelectorAll('.cause .line')].map((p) => p.textContent?.trim() ?? '');

beforeEach(() => localStorage.clear());

describe('UnattributedNotice', () => {
  test('one line per cause present, other users first; only that one advises sudo', () => {
    render(UnattributedNotice, { counts: counts({ kernel: 14, 'other-user': 1, gone: 0 }) });
    expect(lines()).toEqual([
      '1 socket of other users’ processes: run with sudo to see them',
      '14 sockets with no process to name',
    ]);
    expect(screen.queryByText(/privileges to see more/)).not.toBeInTheDocument();
  });

  test('as root (kernel sockets only) nothing says to run with more privileges', () => {
    render(UnattributedNotice, { counts: counts({ kernel: 3 }) });
    expect(document.body.textContent).not.toMatch(/sudo|root to see|more privileges to see/);
  });

  test('"why?" opens the reason of that cause only', async () => {
    const user = userEvent.setup();
    render(UnattributedNotice, { counts: counts({ kernel: 2, 'other-user': 5 }) });
    const [whyOther] = screen.getAllByRole('button', { name: 'why?' });
    expect(whyOther).toHaveAttribute('aria-expanded', 'false');
    await user.click(whyOther!);
    expect(whyOther).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/Run Porthole with sudo \(or as root\)/)).toBeInTheDocument();
    expect(screen.queryByText(/More privileges would not change this/)).not.toBeInTheDocument();
  });

  test('a dismissal holds across a remount, and the line comes back when its count grows', async () => {
    const user = userEvent.setup();
    const first = render(UnattributedNotice, { counts: counts({ kernel: 4, 'other-user': 2 }) });
    await user.click(
      screen.getByRole('button', { name: /^Dismiss notice: 4 sockets with no process/ }),
    );
    expect(lines()).toEqual(['2 sockets of other users’ processes: run with sudo to see them']);
    expect(JSON.parse(localStorage.getItem(DISMISSALS_KEY) ?? '{}')).toEqual({ kernel: 4 });
    first.unmount();

    // A reload: same counts, still dismissed; the other cause is still shown.
    const second = render(UnattributedNotice, { counts: counts({ kernel: 4, 'other-user': 2 }) });
    expect(lines()).toEqual(['2 sockets of other users’ processes: run with sudo to see them']);
    // The same count or fewer stays dismissed; more shows again.
    await second.rerender({ counts: counts({ kernel: 3, 'other-user': 2 }) });
    expect(lines()).toHaveLength(1);
    await second.rerender({ counts: counts({ kernel: 4, 'other-user': 2 }) });
    expect(lines()).toEqual([
      '2 sockets of other users’ processes: run with sudo to see them',
      '4 sockets with no process to name',
    ]);
  });

  test('nothing to say, nothing rendered', () => {
    render(UnattributedNotice, { counts: noUnattributed() });
    expect(document.querySelector('.unattributed')).toBeNull();
  });
});
