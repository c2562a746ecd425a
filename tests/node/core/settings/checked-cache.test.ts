// settings.json's validation record (core/settings/checked-cache.ts): the very text a build validated
// is taken without validating again; any other text, build or damaged record is validated, and an
// invalid file is never recorded.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CHECKED_FILE_NAME } from '../../../../src-main/core/settings/checked-cache.js';
import {
  SettingsStore,
  defaultSettings,
  type Settings,
} from '../../../../src-main/core/settings/index.js';
import { createWatchSpec } from '../../../../src-main/core/watches/watch-spec.js';

let dir: string;
let file: string;
let record: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-checked-'));
  file = path.join(dir, 'settings.json');
  record = path.join(dir, CHECKED_FILE_NAME);
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const store = (build: string | null = 'build-1') => new SettingsStore({ dir, checkedBuild: build });

/** settings.json with one watch labelled `label`, as a user might write it. */
async function writeSettings(label: string): Promise<string> {
  const settings = defaultSettings();
  settings.watches = [{ ...createWatchSpec({ target: '3000' }), label }];
  const text = JSON.stringify(settings, null, 2);
  await fs.writeFile(file, text);
  return text;
}

/** Changes what the record says the text held, to see whether a load took it from the record. */
async function forgeRecordedLabel(label: string): Promise<void> {
  const r = await readRecord();
  r.settings.watches[0]!.label = label;
  await fs.writeFile(record, JSON.stringify(r));
}

interface RecordFile {
  build: string;
  text: string;
  settings: Settings;
  warnings: string[];
}
async function readRecord(): Promise<RecordFile> {
  return JSON.parse(await fs.readFile(record, 'utf8')) as RecordFile;
}

const labelOf = async (s: SettingsStore) => (await s.load()).settings.watches[0]?.label;

test('the text validated once is taken from the record, without validating again', async () => {
  const text = await writeSettings('api');
  expect(await labelOf(store())).toBe('api');
  const r = await readRecord();
  expect(r).toMatchObject({ build: 'build-1', text, warnings: [] });
  expect((await fs.stat(record)).mode & 0o077).toBe(0);
  await forgeRecordedLabel('from the record');
  expect(await labelOf(store())).toBe('from the record');
});

test('another text, another build, or no build: validated from the file', async () => {
  await writeSettings('api');
  await labelOf(store());
  await forgeRecordedLabel('from the record');
  expect(await labelOf(store('build-2'))).toBe('api');
  await forgeRecordedLabel('from the record');
  expect(await labelOf(store(null))).toBe('api');
  // One space more is another text.
  await fs.appendFile(file, ' ');
  await forgeRecordedLabel('from the record');
  expect(await labelOf(store())).toBe('api');
  expect((await readRecord()).text).toMatch(/ $/);
});

test('an invalid file is never recorded, and its record does not vouch for it', async () => {
  await writeSettings('api');
  await labelOf(store());
  const before = await fs.readFile(record, 'utf8');
  await fs.writeFile(file, JSON.stringify({ version: 1, watches: [{ id: 7 }] }));
  const loaded = await store().load();
  expect(loaded.warnings.join(' ')).toMatch(/invalid settings/);
  expect(loaded.movedAside).not.toBeNull();
  expect(await fs.readFile(record, 'utf8')).toBe(before);
});

test('a damaged record is ignored and replaced', async () => {
  await writeSettings('api');
  for (const damaged of [
    '{not json',
    '[]',
    '{"build":"build-1"}',
    JSON.stringify({ build: 'build-1', text: 1 }),
  ]) {
    await fs.writeFile(record, damaged);
    expect(await labelOf(store())).toBe('api');
    expect((await readRecord()).build).toBe('build-1');
  }
});

test('a record that cannot be written costs nothing but the next validation', async () => {
  await writeSettings('api');
  await fs.mkdir(record); // a folder where the record would go
  const loaded = await store().load();
  expect(loaded.settings.watches[0]?.label).toBe('api');
  expect(loaded.warnings).toEqual([]);
});

test('save() records the text it wrote', async () => {
  const settings = defaultSettings();
  settings.watches = [createWatchSpec({ target: '5432' })];
  await store().save(settings);
  const r = await readRecord();
  expect(r.text).toBe(await fs.readFile(file, 'utf8'));
  expect(r.settings).toEqual(settings);
});
