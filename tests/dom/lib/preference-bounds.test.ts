// The window's form, the preferences schema and the contract draw the same line for every preference.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { preferencesSchema } from '../../../src-main/domain/preferences-schema.js';
import { parseRequest } from '../../../src-main/shared/contract.js';
import {
  MAX_PROCESS_NAME,
  MAX_PROTECTED,
  NUMBER_RULES,
  protectedNameError,
} from '../../../src-renderer/lib/settings-form.js';

/** Every whole-number preference with its bounds, read from the schema itself (not from a copy). */
const numeric = Object.entries(preferencesSchema.shape).flatMap(([field, schema]) =>
  schema instanceof z.ZodNumber
    ? [{ field, min: schema.minValue ?? -Infinity, max: schema.maxValue ?? Infinity }]
    : [],
);

function ruleOf(field: string) {
  const rule = (NUMBER_RULES as Record<string, (typeof NUMBER_RULES)[keyof typeof NUMBER_RULES]>)[
    field
  ];
  if (!rule) throw new Error(`the Settings form has no rule for ${field}`);
  return rule;
}

function contractAccepts(patch: Record<string, unknown>): boolean {
  return parseRequest('porthole:settings:update', patch).ok;
}

describe('numeric preferences: form, schema and contract agree', () => {
  test('the schema has numeric preferences, each bounded, and the form has a rule for each', () => {
    expect(numeric.map((n) => n.field).sort()).toEqual(Object.keys(NUMBER_RULES).sort());
    for (const { min, max } of numeric) {
      expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
    }
  });

  test.each(numeric)('$field: both limits are accepted everywhere', ({ field, min, max }) => {
    const rule = ruleOf(field);
    const field_ = preferencesSchema.shape[field as keyof typeof preferencesSchema.shape];
    for (const value of [min, max]) {
      expect(rule.parse(rule.format(value))).toEqual({ ok: true, value });
      expect(field_.safeParse(value).success).toBe(true);
      expect(contractAccepts({ [field]: value })).toBe(true);
    }
  });

  // The form's finest step is 1 ms for seconds (it rounds to whole ms) and 1 for counts.
  test.each(numeric)('$field: one step outside is refused everywhere', ({ field, min, max }) => {
    const rule = ruleOf(field);
    const field_ = preferencesSchema.shape[field as keyof typeof preferencesSchema.shape];
    for (const value of [min - 1, max + 1]) {
      const parsed = rule.parse(rule.format(value));
      expect(parsed.ok, `form accepted ${field} ${value}`).toBe(false);
      expect(field_.safeParse(value).success, `schema accepted ${field} ${value}`).toBe(false);
      expect(contractAccepts({ [field]: value }), `contract accepted ${value}`).toBe(false);
    }
  });

  test.each(numeric)('$field: the range the form shows names the limits', ({ field, min, max }) => {
    const rule = ruleOf(field);
    const digits = (text: string) => text.replace(/\D/g, '');
    const range = rule.range();
    expect(digits(range)).toContain(digits(rule.format(min)));
    expect(digits(range)).toContain(digits(rule.format(max)));
  });
});

describe('protected processes: form, schema and contract agree', () => {
  const list = preferencesSchema.shape.protectedProcesses;

  test('a name one character too long is refused by all three; the longest allowed by all', () => {
    const longest = 'p'.repeat(MAX_PROCESS_NAME);
    const tooLong = `${longest}p`;
    expect(protectedNameError(longest, [])).toBeNull();
    expect(list.safeParse([longest]).success).toBe(true);
    expect(contractAccepts({ protectedProcesses: [longest] })).toBe(true);
    expect(protectedNameError(tooLong, [])).not.toBeNull();
    expect(list.safeParse([tooLong]).success).toBe(false);
    expect(contractAccepts({ protectedProcesses: [tooLong] })).toBe(false);
  });

  test('a full list takes no more names, and a list one over is refused', () => {
    const full = Array.from({ length: MAX_PROTECTED }, (_, i) => `p${i}`);
    expect(list.safeParse(full).success).toBe(true);
    expect(contractAccepts({ protectedProcesses: full })).toBe(true);
    expect(protectedNameError('one-more', full)).not.toBeNull();
    expect(list.safeParse([...full, 'one-more']).success).toBe(false);
    expect(contractAccepts({ protectedProcesses: [...full, 'one-more'] })).toBe(false);
  });
});
