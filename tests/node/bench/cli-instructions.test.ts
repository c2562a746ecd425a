// bench/cli-instructions.js reads callgrind_annotate's inclusive listing: the program's total, and
// V8's hash seed search (random per process) to leave out.
import { describe, expect, test } from 'vitest';

const { parseAnnotate } = (await import(
  new URL('../../../bench/cli-instructions.js', import.meta.url).href
)) as { parseAnnotate: (text: string) => { total: number; seedSearch: number } };

const LISTING = `--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
175,812,133 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                   file:function
--------------------------------------------------------------------------------
165,000,000 (93.85%)  ???:node::Start(int, char**) [/usr/bin/node]
  9,120,400 ( 5.19%)  ???:v8::internal::HashSeed::InitializeRoots(v8::internal::Isolate*) [/usr/bin/node]
  9,120,400 ( 5.19%)  ???:v8::internal::HashSeed::InitializeRoots(v8::internal::Isolate*)'2 [/usr/bin/node]
  8,990,000 ( 5.11%)  ???:detail::sprp(unsigned long long, unsigned long long) [/usr/bin/node]
`;

describe('parseAnnotate', () => {
  test('the total, and the seed search once (not its recursive entry, not its callee)', () => {
    expect(parseAnnotate(LISTING)).toEqual({ total: 175_812_133, seedSearch: 9_120_400 });
  });

  test('a listing without the search leaves nothing out', () => {
    const without = LISTING.split('\n')
      .filter((l) => !l.includes('HashSeed'))
      .join('\n');
    expect(parseAnnotate(without)).toEqual({ total: 175_812_133, seedSearch: 0 });
  });

  test('output that is not a listing is an error, not a zero', () => {
    expect(() => parseAnnotate('callgrind_annotate: no such file')).toThrow(/PROGRAM TOTALS/);
  });
});
