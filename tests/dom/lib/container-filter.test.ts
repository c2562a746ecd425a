// The filter's container terms: container:NAME (part of the name, or the compose service), image:NAME, the containers keyword; published sockets are not "unattributed".
import { describe, expect, test } from 'vitest';
import { conflictIndex, filterSockets, parseFilter } from '../../../src-renderer/lib/filter.js';
import { NarrowingFilter } from '../../../src-renderer/lib/narrowing-filter.js';
import { dbForwarder, webPublished, DB } from '../container-fakes.js';
import { listener } from '../fakes.js';

const context = { conflicts: conflictIndex([]) };
const plain = listener({ localPort: 3000, pid: null, process: null });
const compose = dbForwarder({
  localPort: 15433,
  container: { ...DB, name: 'shop-db-1', service: 'db' },
});
const all = [plain, dbForwarder(), compose, webPublished()];

const ports = (text: string) =>
  filterSockets(all, parseFilter(text).terms, context).map((s) => s.localPort);

describe('container filter terms', () => {
  test('parse as their own kinds, case folded; an empty one is dropped', () => {
    expect(parseFilter('Container:DB -image:Postgres container:').terms).toEqual([
      { kind: 'container', value: 'db', negate: false },
      { kind: 'image', value: 'postgres', negate: true },
    ]);
  });

  test('container: matches part of the name or the compose service; image: part of the image', () => {
    expect(ports('container:db')).toEqual([15432, 15433]);
    expect(ports('container:shop')).toEqual([15433]);
    expect(ports('container:web')).toEqual([18080]);
    expect(ports('image:library/nginx')).toEqual([18080]);
    expect(ports('image:postgres -container:shop')).toEqual([15432]);
    // As --container and watch expectations take them: a leading slash, an untagged reference.
    expect(ports('container:/web')).toEqual([18080]);
    expect(ports('image:docker.io/library/nginx')).toEqual([18080]);
  });

  test('containers keeps every container’s port; unattributed no longer counts ports the engine publishes', () => {
    expect(ports('containers')).toEqual([15432, 15433, 18080]);
    expect(ports('unattributed')).toEqual([3000]);
  });

  test('the narrowing filter gives the same rows as filtering everything', () => {
    const filter = new NarrowingFilter();
    for (const text of ['container:d', 'container:db', 'container:db image:post', 'containers']) {
      const terms = parseFilter(text).terms;
      expect(filter.apply(all, terms, context)).toEqual(filterSockets(all, terms, context));
    }
  });
});
