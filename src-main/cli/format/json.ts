// Printing `--json`: the shapes themselves live in service/reports (the MCP server answers in them too).
export {
  answerJson,
  conflictJson,
  listJson,
  probeJson,
  socketJson,
  watchEventJson,
  type AnswerJson,
  type ConflictJson,
  type SocketJson,
  type WatchEventJson,
} from '../../service/reports/json-shapes.js';

/**
 * JSON.stringify escapes C0 controls but leaves DEL and C1 (U+007F-U+009F, CSI among them) raw;
 * written as \u escapes they keep their value and never reach the terminal. Such characters can
 * only stand inside strings, so the JSON stays valid.
 */
export function escapeC1(json: string): string {
  return json.replace(
    /[\u007f-\u009f]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Pretty JSON for one-shot commands; watch uses `jsonLine` (one object per line). */
export function jsonBlock(value: unknown): string {
  return escapeC1(JSON.stringify(value, null, 2));
}

export function jsonLine(value: unknown): string {
  return escapeC1(JSON.stringify(value));
}
