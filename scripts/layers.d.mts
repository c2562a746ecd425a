// Types for scripts/layers.mjs (the dependency arrows), for the TypeScript tests that read it.
import type { Rule } from 'eslint';

export interface Layer {
  may: string[];
  packages: 'all' | string[];
  why: string;
}
export const LAYERS: Record<string, Layer>;
export function layerOf(file: string): string | null;
export function layerViolation(fromFile: string, spec: string): string | null;
export const layersRule: Rule.RuleModule;
