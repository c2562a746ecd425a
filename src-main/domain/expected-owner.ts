// Node-free: whether an owner is the one a watch expects (`--expect node`, `--expect container:db`,
// `--expect image:postgres`), for watch events, checks and the unexpected-owner rule.
import type { z } from 'zod';
import { imageShortName, isForwarderName, type ContainerRef } from './container.js';

/** Base name of a command line's first word: `/usr/lib/postgresql/16/bin/postgres -D …` gives `postgres`. */
export function commandName(command: string | null | undefined): string | null {
  const first = command?.trim().split(/\s+/)[0];
  if (!first) return null;
  return first.split(/[\\/]/).pop() ?? null;
}

/** What a watch expects: a process by name, or a container by name or image. */
export type ExpectedOwner =
  | { kind: 'process'; name: string }
  | { kind: 'container'; name: string }
  | { kind: 'image'; name: string };

const PREFIXES = ['container', 'image'] as const;

/**
 * Reads an expectation: `container:db`, `image:postgres`, else a process name. Returns the words of
 * what is wrong for `container:` or `image:` without a name; a name of only spaces is no expectation.
 */
export function parseExpectedOwner(text: string): ExpectedOwner | { error: string } {
  const trimmed = text.trim();
  for (const kind of PREFIXES) {
    if (trimmed.toLowerCase().startsWith(`${kind}:`)) {
      const name = trimmed.slice(kind.length + 1).trim();
      if (name === '') {
        const example = kind === 'container' ? 'container:db' : 'image:postgres';
        const article = kind === 'image' ? 'an' : 'a';
        return { error: `"${kind}:" needs ${article} ${kind} name after it, e.g. ${example}` };
      }
      return { kind, name };
    }
  }
  return { kind: 'process', name: trimmed };
}

/** The error in words when an expectation cannot be read, else null (for forms, settings and the CLI). */
export function expectedOwnerError(text: string | null | undefined): string | null {
  if (!text) return null;
  const parsed = parseExpectedOwner(text);
  return 'error' in parsed ? parsed.error : null;
}

/** A zod check for an expectation field: `container:` or `image:` without a name is refused in words. */
export function expectationCheck(value: string | null | undefined, ctx: z.RefinementCtx): void {
  const error = expectedOwnerError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
}

/** `container db`, `image postgres`, `node`: an expectation in a sentence. */
export function expectedOwnerText(text: string): string {
  const parsed = parseExpectedOwner(text);
  if ('error' in parsed || parsed.kind === 'process') return text.trim();
  return `${parsed.kind} ${parsed.name}`;
}

/**
 * A container name as typed (`db`, `/db`) against the engine's; an image by its full reference
 * (`postgres:16`), without its tag (`docker.io/library/postgres`) or by its short name (`postgres`).
 */
export function matchesContainerTerm(
  kind: 'container' | 'image',
  want: string,
  c: Pick<ContainerRef, 'name' | 'image'>,
): boolean {
  const w = want.trim().toLowerCase().replace(/^\//, '');
  if (kind === 'container') return c.name.toLowerCase().replace(/^\//, '') === w;
  const image = c.image.toLowerCase();
  const untagged = image.split('@')[0]!.replace(/:[^:/]+$/, '');
  return image === w || untagged === w || imageShortName(image) === w;
}

/**
 * True when the owner is the expected one, ignoring case. A process expectation matches the
 * process name (or the command's program); Linux cuts process names to 15 characters, so a cut
 * name matches an expectation it starts. A container or image expectation matches the container
 * behind the socket; with none known, a forwarder (docker-proxy…, whose engine may be down) or an
 * unnamed owner is given the benefit of the doubt, and any other process breaks it.
 */
export function matchesExpectedOwner(
  expect: string,
  owner: {
    process: string | null;
    command?: string | null;
    container?: Pick<ContainerRef, 'name' | 'image'> | null;
  },
): boolean {
  const parsed = parseExpectedOwner(expect);
  if ('error' in parsed) return true;
  if (parsed.kind !== 'process') {
    if (owner.container) return matchesContainerTerm(parsed.kind, parsed.name, owner.container);
    return owner.process === null || isForwarderName(owner.process);
  }
  const want = parsed.name.toLowerCase();
  if (want === '') return true;
  const got = owner.process?.toLowerCase() ?? null;
  if (got !== null && (got === want || (got.length === 15 && want.startsWith(got)))) return true;
  return commandName(owner.command)?.toLowerCase() === want;
}
