// Saves an exported history file through the browser's download path (works the same in Electron).
import type { HistoryExport } from '../../src-main/shared/contract.js';

/** Hands `file` to the browser as a download; the object URL is released right after the click. */
export function downloadExport(file: HistoryExport, doc: Document = document): void {
  const blob = new Blob([file.content], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoke after the click has been dispatched; the download keeps its own reference.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
