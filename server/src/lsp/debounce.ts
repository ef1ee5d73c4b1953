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
/** A first run: an Immediate, or a Timeout when there is a first delay (each is cleared by its own function). */
type FirstRun = { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout };

export class Coalescer {
  private immediate: FirstRun | undefined;
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
    const first = (run: () => void): FirstRun =>
      this.firstDelayMs > 0 ? { kind: 'timeout', handle: setTimeout(run, this.firstDelayMs) } : { kind: 'immediate', handle: setImmediate(run) };
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
    // Never clearImmediate on a Timeout: Node then miscounts its pending immediates and stops running any, and
    // vscode-jsonrpc reads and answers every message through setImmediate (a shutdown right after an edit hung).
    if (this.immediate?.kind === 'immediate') clearImmediate(this.immediate.handle);
    else if (this.immediate?.kind === 'timeout') clearTimeout(this.immediate.handle);
    if (this.window) clearTimeout(this.window);
    this.immediate = undefined;
    this.window = undefined;
    this.again = false;
  }
}
