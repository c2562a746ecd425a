// "Show again" for an acknowledged exposure: a view provides the action, the badge deep in a table uses it.
import { getContext, setContext } from 'svelte';

const KEY = Symbol('porthole:unacknowledge-exposure');

/** Takes back the acknowledgement of one listener, by its exposure key. */
export type Unacknowledge = (key: string) => Promise<void>;

/** Called by a view (during component set-up) so the badges below it offer "Show again". */
export function provideUnacknowledge(action: Unacknowledge): void {
  setContext(KEY, action);
}

/** The action a view provided, or null (the badge then only shows "acknowledged"). */
export function unacknowledgeAction(): Unacknowledge | null {
  return getContext<Unacknowledge | undefined>(KEY) ?? null;
}
