/** Runs an action once, `delayMs` after the last call to `schedule()`: many edits in a burst cost one run. */
export class Debouncer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly action: () => void,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.action();
    }, this.delayMs);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Runs an action soon after the first call (once the messages already received are handled, or `firstDelayMs`
 * later), then at most once per `intervalMs` while calls keep coming, and once more after the last call of a burst.
 * A lone edit is answered at once; a burst of keystrokes costs a few runs, not one per keystroke.
 */
export class Coalescer {
  private immediate: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private window: NodeJS.Timeout | undefined;
  private again = false;

  constructor(
    private readonly intervalMs: number,
    private readonly action: () => void,
    private readonly firstDelayMs = 0,
  ) {}

  schedule(): void {
    if (this.immediate || this.window) {
      this.again = true;
      return;
    }
    const first = (run: () => void) => (this.firstDelayMs > 0 ? setTimeout(run, this.firstDelayMs) : setImmediate(run));
    this.immediate = first(() => {
      this.immediate = undefined;
      this.window = setTimeout(() => {
        this.window = undefined;
        if (!this.again) return;
        this.again = false;
        this.schedule();
      }, this.intervalMs);
      this.action();
    });
  }

  get pending(): boolean {
    return this.immediate !== undefined || this.again;
  }

  dispose(): void {
    if (this.immediate) {
      clearImmediate(this.immediate as NodeJS.Immediate);
      clearTimeout(this.immediate as NodeJS.Timeout);
    }
    if (this.window) clearTimeout(this.window);
    this.immediate = undefined;
    this.window = undefined;
    this.again = false;
  }
}
