// Copying text from the window: the clipboard when the page may write it, else the text is selected for Ctrl+C.

export type CopyOutcome = 'copied' | 'selected';

/**
 * Writes `text` to the clipboard. Where the page may not (an insecure origin in browser mode, a
 * refused permission) and `fallback` is an element holding the text, selects it so Ctrl+C copies it.
 */
export async function copyText(text: string, fallback?: Element | null): Promise<CopyOutcome> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (fallback) window.getSelection()?.selectAllChildren(fallback);
    return 'selected';
  }
}

/** What to tell the user after `copyText`, for a live region or a button's label. */
export function copyStatus(outcome: CopyOutcome, what: string): string {
  return outcome === 'copied'
    ? `Copied ${what}`
    : `Could not copy: ${what} is selected, copy it with Ctrl+C (⌘C on a Mac)`;
}
