// What the border property tests throw at every contract channel: one valid request per channel,
// fast-check's anything, and hostile shapes (prototype keys, huge strings, deep nesting, bad numbers).
import fc from 'fast-check';
import type { Channel, RequestOf } from '../../src-main/shared/contract.js';

/** One valid request per channel; the mapped type fails the type-check when a channel is added. */
export const VALID_REQUESTS: { [C in Channel]: RequestOf<C> } = {
  'porthole:state:get': undefined,
  'porthole:watches:add': { target: '62893' },
  'porthole:watches:update': { id: 'w1', changes: { label: 'api' } },
  'porthole:watches:remove': { id: 'w1' },
  'porthole:watches:snooze': { id: null, until: 'until-up' },
  'porthole:notifications:snooze': { until: 1_900_000_000_000 },
  'porthole:ports:who': { port: 3000 },
  'porthole:ports:probe': { target: 'localhost:3000' },
  'porthole:ports:free': { near: 3000, count: 3 },
  'porthole:ports:explain': { text: 'connect ECONNREFUSED 127.0.0.1:3000' },
  'porthole:history:query': { port: 3000, limit: 10 },
  'porthole:history:export': { format: 'csv' },
  'porthole:process:inspect': { pid: 4121 },
  'porthole:process:kill': { pid: 4121, startToken: 'abc', force: false },
  'porthole:containers:stop': { engine: 'docker', id: '8c8887df8c14' },
  'porthole:settings:get': undefined,
  'porthole:settings:update': { notifyOnExposure: true },
  'porthole:exposures:acknowledge': { key: 'tcp:0.0.0.0:5432' },
  'porthole:exposures:unacknowledge': { key: 'tcp:0.0.0.0:5432' },
  'porthole:app:open-external': { url: 'https://example.com/docs' },
};

/** Error codes an envelope may carry (TransportError): the contract's one list. */
export { ERROR_CODES } from '../../src-main/shared/contract.js';

/** The channel's valid request, aimed at a watch that exists (`id`) instead of the made-up `w1`. */
export function validRequestFor(channel: Channel, watchId: string): unknown {
  const valid: unknown = VALID_REQUESTS[channel];
  return isRecord(valid) && 'id' in valid ? { ...valid, id: watchId } : valid;
}

/** An object with `key` as its own property, even for `__proto__` (which `{...}` would not make own). */
function withOwn(base: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** `[[[...]]]` or `{a:{a:{...}}}` `depth` levels deep. */
function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

export const HUGE_STRING = 'x'.repeat(1_000_000);
const DEEP_ARRAY = nested(5_000, false);
const DEEP_OBJECT = nested(5_000, true);

/** Values that are wrong for some field, and sometimes for every field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    70_000,
    65_536,
    -1,
    0,
    1.5,
    2 ** 53,
    '3000',
    '',
    '   ',
    '\u0000',
    null,
    undefined,
    true,
    [],
    {},
    HUGE_STRING,
    DEEP_ARRAY,
    DEEP_OBJECT,
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 400 }),
  fc.anything(),
);

/** Keys that smuggle: prototype names, and arbitrary ones (every request schema is strict). */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
  fc.string({ maxLength: 20 }),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every path to a field of a request, nested objects included (`changes.label`). */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    [...prefix, key],
    ...fieldPaths(inner, [...prefix, key]),
  ]);
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
}

/** A copy of `base` with the field at `path` replaced (or removed, for `remove`). */
function replaceAt(base: unknown, path: string[], value: unknown, remove = false): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !isRecord(base)) return value;
  if (rest.length === 0 && remove) {
    const { [head]: _dropped, ...others } = base;
    return others;
  }
  return withOwn(
    base,
    head,
    rest.length === 0 ? value : replaceAt(base[head], rest, value, remove),
  );
}

/**
 * Hostile requests for one channel, built from its valid one: a field of a wrong type or out of
 * range, a field missing, an extra (prototype) key at any level, or a hostile value as the whole.
 */
export function hostileRequest(
  channel: Channel,
  valid: unknown = VALID_REQUESTS[channel],
): fc.Arbitrary<unknown> {
  const paths = fieldPaths(valid);
  const whole = hostileValue;
  if (paths.length === 0) {
    return fc.oneof(
      whole,
      fc.tuple(hostileKey, hostileValue).map(([k, v]) => withOwn({}, k, v)),
    );
  }
  const path = fc.constantFrom(...paths);
  const objectPaths = [[], ...paths.filter((p) => isRecord(valueAt(valid, p)))];
  return fc.oneof(
    fc.tuple(path, hostileValue).map(([p, v]) => replaceAt(valid, p, v)),
    path.map((p) => replaceAt(valid, p, undefined, true)),
    fc
      .tuple(fc.constantFrom(...objectPaths), hostileKey, hostileValue)
      .map(([p, k, v]) => replaceAt(valid, [...p, k], v)),
    whole,
  );
}

/** fast-check's anything, with the rarer shapes switched on (null prototypes, maps, big ints...). */
export const anyPayload: fc.Arbitrary<unknown> = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Object.prototype's own property names: a payload that pollutes it changes this list. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
