// linesFromEnd: every line back to front, whatever the chunk size; over-long lines counted, not held.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linesFromEnd, type TailLine } from '../../../../src-main/core/history/lines-from-end.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'porthole-tail-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function collect(
  file: string,
  options: Parameters<typeof linesFromEnd>[1],
): Promise<TailLine[]> {
  const lines: TailLine[] = [];
  for await (const line of linesFromEnd(file, options)) lines.push(line);
  return lines;
}

describe('linesFromEnd', () => {
  test('matches split-and-reverse for any text and chunk size (multi-byte characters intact)', async () => {
    const file = path.join(dir, 'prop.txt');
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\n', 'é€😀')), {
        maxLength: 30,
      })
      .map((parts) => parts.join('\n'));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 40 }), async (content, chunkBytes) => {
        await fs.writeFile(file, content);
        const expected = content
          .split('\n')
          .filter((line) => line !== '')
          .reverse();
        const lines = await collect(file, { chunkBytes });
        expect(lines.map((line) => (line.kind === 'line' ? line.text : '?'))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('a line over maxLineBytes comes back as oversize with its length; its neighbours intact', async () => {
    const file = path.join(dir, 'oversize.txt');
    await fs.writeFile(file, `first\n${'x'.repeat(1000)}\nlast`);
    expect(await collect(file, { maxLineBytes: 100, chunkBytes: 64 })).toEqual([
      { kind: 'line', text: 'last', bytes: 4 },
      { kind: 'oversize', bytes: 1000 },
      { kind: 'line', text: 'first', bytes: 5 },
    ]);
  });

  test('a missing file has no lines; stopping early closes the file', async () => {
    expect(await collect(path.join(dir, 'missing.txt'), {})).toEqual([]);
    const file = path.join(dir, 'early.txt');
    await fs.writeFile(file, 'a\nb\nc\n');
    const openFiles = async (): Promise<number> => (await fs.readdir('/proc/self/fd')).length;
    const before = await openFiles();
    for await (const line of linesFromEnd(file)) {
      expect(line).toEqual({ kind: 'line', text: 'c', bytes: 1 });
      break;
    }
    expect(await openFiles()).toBe(before);
  });
});
