// SeverityChip: every severity shows an icon and its word (never colour alone); compact keeps the word for screen readers.
import { render } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../../../src-main/domain/severity.js';
import SeverityChip from '../../../src-renderer/components/SeverityChip.svelte';
import { alarmLine, severityLook } from '../../../src-renderer/lib/severity-view.js';

describe('SeverityChip', () => {
  test.each(SEVERITY_ORDER)(
    '%s: its word beside a hidden icon, in its colour class',
    (severity) => {
      const { container } = render(SeverityChip, { severity });
      const chip = container.querySelector('.chip')!;
      expect(chip).toHaveTextContent(SEVERITY_LABEL[severity]);
      expect(chip).toHaveClass(`sev-${severity}`);
      expect(chip.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    },
  );

  test('the icons differ in shape, so a colour-blind reader tells them apart', () => {
    const shapes = SEVERITY_ORDER.map((s) => severityLook(s).icon.shape);
    expect(new Set(shapes).size).toBe(SEVERITY_ORDER.length);
  });

  test('errors and warnings are loud; hints and info are quiet', () => {
    expect(SEVERITY_ORDER.filter((s) => severityLook(s).loud)).toEqual(['error', 'warning']);
  });

  test('compact hides the word from the eye only', () => {
    const { container } = render(SeverityChip, { severity: 'warning', compact: true });
    const word = container.querySelector('.visually-hidden');
    expect(word).toHaveTextContent(SEVERITY_LABEL.warning);
  });
});

describe('alarmLine', () => {
  test('counts only errors and warnings as needing attention', () => {
    expect(alarmLine(['error', 'warning', 'hint'])).toEqual({
      text: '2 need attention · 1 for your information',
      alarming: 2,
    });
    expect(alarmLine(['warning'])).toEqual({ text: '1 needs attention', alarming: 1 });
    expect(alarmLine(['info', 'hint'])).toEqual({
      text: 'Nothing needs attention · 2 for your information',
      alarming: 0,
    });
  });
});
