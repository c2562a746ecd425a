// Runs explain's checks over one input and context, orders the findings and picks the verdict sentence.
import type { ExplainInput, ExplainSituation, ExplainTarget } from '../../domain/explain-input.js';
import type { ExplainCheck, ExplainContext, Finding, FindingStatus } from './check.js';
import { finding, targetText } from './port-facts.js';

/** `explain --json`, field names exactly these. */
export interface Explanation {
  input: string;
  target: ExplainTarget;
  situation: ExplainSituation;
  verdict: string;
  findings: Finding[];
}

const STATUS_ORDER: Readonly<Record<FindingStatus, number>> = {
  problem: 0,
  info: 1,
  ok: 2,
  skipped: 3,
};

/** Per situation, whose problem is the cause that matters most (first present wins). */
const CAUSE_ORDER: Readonly<Record<ExplainSituation, readonly string[]>> = {
  'connect-refused': [
    'listening',
    'family',
    'interface',
    'container',
    'hosts',
    'remote',
    'firewall',
  ],
  'address-in-use': [
    'known-service',
    'container',
    'holder',
    'privileged',
    'ephemeral',
    'listening',
  ],
  'permission-denied': ['privileged', 'known-service', 'holder', 'ephemeral'],
  timeout: ['remote', 'firewall', 'hosts', 'listening', 'interface'],
  reachability: ['listening', 'family', 'interface', 'hosts', 'remote', 'firewall', 'container'],
};

export function orderFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_ORDER[a.f.status] - STATUS_ORDER[b.f.status] || a.i - b.i)
    .map(({ f }) => f);
}

function rank(situation: ExplainSituation, check: string): number {
  const at = CAUSE_ORDER[situation].indexOf(check);
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

/** One sentence: the most important problem's message, or a clear all-clear naming what was seen. */
export function pickVerdict(ctx: ExplainContext, findings: readonly Finding[]): string {
  const problems = findings.filter((f) => f.status === 'problem');
  const situation = ctx.input.situation;
  const cause = [...problems].sort(
    (a, b) => rank(situation, a.check) - rank(situation, b.check),
  )[0];
  if (cause) return firstSentence(cause.message);
  const seen = findings
    .filter((f) => f.status === 'ok' || f.status === 'info')
    .sort((a, b) => rank(situation, a.check) - rank(situation, b.check))[0];
  const clear = `Nothing wrong found with ${targetText(ctx)}`;
  return seen ? `${clear}: ${lowerFirst(firstSentence(seen.message))}` : `${clear}.`;
}

function firstSentence(text: string): string {
  const end = /[.!?](\s|$)/.exec(text);
  return end ? text.slice(0, end.index + 1) : `${text}.`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** A check that throws must not take the explanation down: it becomes a `skipped` finding. */
async function runOne(check: ExplainCheck, ctx: ExplainContext): Promise<Finding[]> {
  try {
    return await check.run(ctx);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [finding(check.name, 'skipped', `this check failed: ${why}`)];
  }
}

export async function explain(
  input: ExplainInput,
  ctx: ExplainContext,
  checks: readonly ExplainCheck[],
): Promise<Explanation> {
  const all = (await Promise.all(checks.map((c) => runOne(c, ctx)))).flat();
  const findings = orderFindings(all);
  return {
    input: input.input,
    target: input.target,
    situation: input.situation,
    verdict: pickVerdict(ctx, findings),
    findings,
  };
}
