// `porthole history` over a damaged, oversized file: reads as far back as the settings' limit keeps,
// and says what it skipped.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { defaultSettings } from '../../../src-main/core/settings/schema.js';
import { historyEntry } from '../core/history/history-fixtures.js';
import { cleanupConfigDirs, freshConfigDir, runCli } from './run-cli.js';

afterAll(cleanupConfigDirs);

test('skips a garbage and a 5 MiB line with one warning; shows the newest 1.2 x historyLimit', async () => {
  const dir = freshConfigDir();
  const settings = defaultSettings();
  settings.preferences.historyLimit = 100;
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
  const older = Array.from({ length: 150 }, (_, i) => JSON.stringify(historyEntry(i + 1)));
  const oversize = JSON.stringify(historyEntry(0, { detail: 'x'.repeat(5 * 1024 * 1024) }));
  writeFileSync(
    path.join(dir, 'history.jsonl'),
    [...older.slice(0, 140), 'not json', oversize, ...older.slice(140)].join('\n'),
  );
  const result = await runCli(['history', '--format', 'csv'], dir);
  expect(result.code).toBe(0);
  const rows = result.stdout.trim().split('\r\n').slice(1);
  expect(rows).toHaveLength(120);
  expect(rows.at(-1)).toContain(',event at 150');
  expect(result.stderr).toBe(
    `porthole: warning: skipped 1 unreadable and 1 oversize (over 4 MiB) lines in ${path.join(dir, 'history.jsonl')}\n`,
  );
});
