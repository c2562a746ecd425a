// A confirming dialog's one action (stop a process, stop a container): sent once at a time, its
// answer or its error kept for the dialog to show; what KillDialog and ContainerStopDialog share.

export interface ActionOutcome {
  ok: boolean;
  message: string;
}

export class DialogAction<T extends ActionOutcome> {
  /** Sent and not answered yet: the confirming button is disabled and says so. */
  busy = $state(false);
  /** The service's answer; once there, the dialog offers Close only. */
  result = $state.raw<T | null>(null);
  /** Why the request itself failed (not sent, refused at the border), in words. */
  error = $state<string | null>(null);

  /** Sends once (not while busy, not after an answer); `after` runs however it ended. */
  async run(send: () => Promise<T>, after?: () => void): Promise<void> {
    if (this.busy || this.result !== null) return;
    this.busy = true;
    this.error = null;
    try {
      this.result = await send();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
      after?.();
    }
  }
}
