/** A background loop's wait between rounds, which an event (a stop, a commit notice) can end early. */
export class WakeableSleep {
  private wakeUp: (() => void) | null = null;

  async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = null;
  }

  /** Ends the current wait, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}
