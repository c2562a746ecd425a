// History headlines: a watch's entries are named by its label, matched on the target text the core writes.
import { describe, expect, test } from 'vitest';
import { entryTitle, entryTone, watchLabels } from '../../../src-renderer/lib/history-view.js';
import { historyEntry, watchView } from '../views/fakes.js';

describe('entryTitle with watch labels', () => {
  const labels = watchLabels([
    watchView({ id: 'a', target: { host: 'db.internal', port: 5432 }, label: 'DB' }),
    watchView({ id: 'b', target: { host: '::1', port: 8080 }, label: 'API v6' }),
    watchView({ id: 'c', target: { host: null, port: 3000 }, label: null }),
  ]);

  test('remote and IPv6 targets match as the core formats them', () => {
    const db = historyEntry({ target: 'db.internal:5432', port: 5432, event: 'down' });
    const v6 = historyEntry({ target: '[::1]:8080', port: 8080, event: 'up' });
    expect(entryTitle(db, labels)).toBe('DB (db.internal:5432) down');
    expect(entryTitle(v6, labels)).toBe('API v6 ([::1]:8080) up');
  });

  test('unlabelled watches, other targets and conflicts read as before', () => {
    expect(labels.has('3000')).toBe(false);
    expect(entryTitle(historyEntry({ target: '3000', event: 'down' }), labels)).toBe('3000 down');
    const conflict = historyEntry({
      kind: 'conflict-resolved',
      target: 'tcp/5432',
      event: 'shadowed',
    });
    expect(entryTitle(conflict, labels)).toBe('Conflict on tcp/5432 resolved');
    expect(entryTitle(historyEntry({ target: 'db.internal:5432' }))).toBe('db.internal:5432 down');
  });
});

describe('entryTone follows the severity scale', () => {
  test('a down watch is an error, a shadowed port a warning, a recovery good', () => {
    expect(entryTone(historyEntry({ kind: 'watch', event: 'down' }))).toBe('error');
    expect(entryTone(historyEntry({ kind: 'watch', event: 'up' }))).toBe('good');
    expect(entryTone(historyEntry({ kind: 'conflict-appeared', event: 'shadowed' }))).toBe(
      'warning',
    );
    expect(entryTone(historyEntry({ kind: 'conflict-appeared', event: 'half-reachable' }))).toBe(
      'hint',
    );
    expect(entryTone(historyEntry({ kind: 'owner-changed', event: 'owner-changed' }))).toBe(
      'error',
    );
    expect(entryTone(historyEntry({ kind: 'conflict-resolved', event: 'shadowed' }))).toBe('good');
  });
});
