// Zod field builders whose messages name the field and the bad value, for settings.json and the contract.
import { z } from 'zod';
import { showValue } from './show-value.js';

export { showValue };

export type Issue = { input?: unknown; code?: string; keys?: string[] };

export function intIn(name: string, min: number, max: number) {
  const error = ({ input }: Issue) => {
    if (input === undefined) return `${name} is missing`;
    if (typeof input === 'number' && Number.isInteger(input)) {
      return `${name} ${input} is out of range (${min}..${max})`;
    }
    return `${name} must be a whole number from ${min} to ${max}, not ${showValue(input)}`;
  };
  return z.int({ error }).min(min, { error }).max(max, { error });
}

export function bool(name: string) {
  return z.boolean({
    error: ({ input }: Issue) => `${name} must be true or false, not ${showValue(input)}`,
  });
}

/** A non-empty string of at most `max` characters. */
export function text(name: string, max = 200) {
  const error = ({ input }: Issue) =>
    `${name} must be a non-empty text of at most ${max} characters, not ${showValue(input)}`;
  return z.string({ error }).min(1, { error }).max(max, { error });
}

export function objectError(name: string) {
  return ({ code, keys, input }: Issue) =>
    code === 'unrecognized_keys'
      ? `${name} has unknown field(s) ${(keys ?? []).map((k) => JSON.stringify(k)).join(', ')}`
      : `${name} must be an object, not ${showValue(input)}`;
}

export function list(name: string) {
  return { error: ({ input }: Issue) => `${name} must be a list, not ${showValue(input)}` };
}

/** One of a few words: `theme must be "system", "light" or "dark", not "blue"`. */
export function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  const words = values.map((v) => JSON.stringify(v));
  const choices = `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
  return z.enum(values, {
    error: ({ input }: Issue) => `${name} must be ${choices}, not ${showValue(input)}`,
  });
}
