// Which webContents are ours, and whether an IPC call came from the top frame of one of them showing our page.
import type { ContentsHandle, FrameHandle } from '../handles.js';
import { isRendererUrl, type RendererLocation } from '../renderer-location.js';

/** The parts of an IpcMainInvokeEvent the check reads (the real event fits this). */
export interface SenderEvent {
  readonly sender: Pick<ContentsHandle, 'id'>;
  readonly senderFrame: FrameHandle | null;
}

export class TrustedWindows {
  private readonly contents = new Map<number, ContentsHandle>();

  constructor(private readonly location: RendererLocation) {}

  add(contents: ContentsHandle): void {
    this.contents.set(contents.id, contents);
  }

  remove(contents: Pick<ContentsHandle, 'id'>): void {
    this.contents.delete(contents.id);
  }

  /**
   * Our webContents, its main frame (not an iframe, not a frame that replaced it), and our page's
   * URL. Anything else — another window, a subframe, a page navigated elsewhere — is refused.
   */
  isTrustedSender(event: SenderEvent): boolean {
    const contents = this.contents.get(event.sender.id);
    const frame = event.senderFrame;
    if (!contents || contents.isDestroyed() || !frame || frame.parent !== null) return false;
    const main = contents.mainFrame;
    return (
      frame.processId === main.processId &&
      frame.routingId === main.routingId &&
      isRendererUrl(this.location, frame.url)
    );
  }

  /** Where events may go: our live windows still showing our page. */
  recipients(): ContentsHandle[] {
    return [...this.contents.values()].filter(
      (contents) => !contents.isDestroyed() && isRendererUrl(this.location, contents.mainFrame.url),
    );
  }
}
