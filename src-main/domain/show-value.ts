// A bad value in a message, apart from the zod field builders: settings migration uses it without zod.

/** A bad value, short enough for a one-line warning. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value; // functions and symbols have no JSON
  } catch {
    text = typeof value; // bigint, cycles
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
