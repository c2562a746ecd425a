// What `explain` answers, as plain records every layer may read: the CLI's --json and the window's
// Explain panel show the same shape (core/explain's Explanation is assignable to this one).
import type { ExplainSituation, ExplainTarget } from './explain-input.js';

export type ExplanationStatus = 'ok' | 'problem' | 'info' | 'skipped';

/** One line of an explanation (field names exactly core/explain's Finding). */
export interface ExplanationFinding {
  check: string;
  status: ExplanationStatus;
  message: string;
  fix: string | null;
  pids: number[];
}

/** `{input, target, situation, verdict, findings}`, findings problems first. */
export interface ExplanationView {
  input: string;
  target: ExplainTarget;
  situation: ExplainSituation;
  verdict: string;
  findings: ExplanationFinding[];
}
