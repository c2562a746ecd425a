// The window writes dates as the CLI does: `2026-11-28 11:59:00`, never `11/28 11:59:00`.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import Timeline from '../../../src-renderer/components/history/Timeline.svelte';
import { formatLocalTime } from '../../../src-main/cli/format/time.js';
import { NOW, historyEntry } from '../views/fakes.js';

describe('Timeline dates', () => {
  test('the compact list (a port page) shows the date and time as the CLI prints them', () => {
    const at = new Date(2026, 11, 5, 7, 32, 39).getTime();
    render(Timeline, { entries: [historyEntry({ at })], now: NOW, compact: true, label: 'Recent' });
    const list = screen.getByRole('list', { name: 'Recent' });
    expect(within(list).getByText('2026-12-05 07:32:39')).toBeInTheDocument();
    expect(within(list).getByText(formatLocalTime(at))).toBeInTheDocument();
  });

  test('grouped by day, each entry shows its time under the day heading', () => {
    const at = new Date(2026, 10, 27, 23, 5, 1).getTime();
    render(Timeline, { entries: [historyEntry({ at })], now: NOW });
    expect(screen.getByRole('heading', { name: 'Yesterday' })).toBeInTheDocument();
    expect(screen.getByText('23:05:01')).toBeInTheDocument();
  });
});
