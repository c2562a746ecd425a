// The window's one mapping from a severity to its colour class, icon and word: every chip, row and mark uses it.
import { isAlarming, SEVERITY_LABEL, type Severity } from '../../src-main/domain/severity.js';

export interface SeverityLook {
  severity: Severity;
  /** The word beside the icon (and what a screen reader hears): never colour alone. */
  label: string;
  /** `sev-error` …: the class whose rules (theme.css) set `--sev` and `--sev-bg` for the element. */
  className: string;
  /** Errors and warnings are loud (filled chip, coloured edge); hints and info are quiet. */
  loud: boolean;
  /** A 16×16 SVG drawing: a distinct shape per severity, so the icon reads without its colour. */
  icon: SeverityIcon;
}

export interface SeverityIcon {
  /** The outer shape: filled for loud severities, outlined for quiet ones. */
  shape: string;
  /** The mark inside the shape (drawn in the background colour on a filled shape). */
  mark: string;
}

const ICONS: Record<Severity, SeverityIcon> = {
  // A circle with a cross: broken now.
  error: { shape: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1z', mark: 'M5.5 5.5l5 5M10.5 5.5l-5 5' },
  // A triangle with "!": will bite.
  warning: { shape: 'M8 1.5l7 12.5H1z', mark: 'M8 6v3.8M8 11.6v.4' },
  // A diamond with a dot: worth knowing.
  hint: { shape: 'M8 1.5l6.5 6.5L8 14.5 1.5 8z', mark: 'M8 7.6v.8' },
  // A circle with "i": deliberate and fine.
  info: { shape: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13z', mark: 'M8 7v4.5M8 4.6v.4' },
};

/** How the window shows a severity. */
export function severityLook(severity: Severity): SeverityLook {
  return {
    severity,
    label: SEVERITY_LABEL[severity],
    className: `sev-${severity}`,
    loud: isAlarming(severity),
    icon: ICONS[severity],
  };
}

/** What the alarm line above the problems says: only errors and warnings count as needing attention. */
export function alarmLine(severities: readonly Severity[]): { text: string; alarming: number } {
  const alarming = severities.filter(isAlarming).length;
  const quiet = severities.length - alarming;
  const loud =
    alarming === 0
      ? 'Nothing needs attention'
      : `${alarming} ${alarming === 1 ? 'needs' : 'need'} attention`;
  const rest = quiet === 0 ? '' : ` · ${quiet} for your information`;
  return { text: `${loud}${rest}`, alarming };
}
