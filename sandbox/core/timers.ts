// Timers owned by the sandbox: unref'd (they never keep a process alive), errors in their callbacks are
// reported instead of crashing, and close() clears every pending one.

export class TimerScope {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs fn after ms (sync or async); returns null once the scope is closed. */
  after(ms: number, fn: () => void | Promise<void>): NodeJS.Timeout | null {
    if (this.closed) return null;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        Promise.resolve(fn()).catch(this.onError);
      } catch (error) {
        this.onError(error);
      }
    }, Math.max(0, ms));
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout | null | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
