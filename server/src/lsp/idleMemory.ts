/**
 * Gives memory back once a burst of work is over. During an edit burst V8 grows its heap (young generation and old
 * space) for the analyses' short-lived garbage; when the edits stop nothing allocates, so no collection runs and the
 * grown heap stays resident for good, though almost all of it is garbage (the server keeps one parse, one model and
 * one report per file, never earlier revisions). So once the server has been quiet for a while and its heap has
 * grown, it asks V8 for one full collection now, through `vm.measureMemory`'s eager mode (a documented API; no
 * `--expose-gc` needed), which also lets V8 shrink the spaces it grew. Idle time only: never during a burst.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Quiet this long after the last edit or request counts as idle. */
const IDLE_MS = 2000;
/** A heap grown by less than this since the last collection we asked for is left alone. */
const MIN_GROWTH_BYTES = 16 * 1024 * 1024;

export class IdleMemoryRelease {
  private timer: NodeJS.Timeout | undefined;
  private baseline = heapSize();

  constructor(
    private readonly log: (message: string) => void,
    private readonly idleMs = IDLE_MS,
    private readonly minGrowthBytes = MIN_GROWTH_BYTES,
  ) {}

  /** Work happened: the idle clock starts again. */
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), this.idleMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private release(): void {
    this.timer = undefined;
    if (heapSize() - this.baseline < this.minGrowthBytes) return;
    try {
      // Twice: the first collection frees the garbage, the second finds the pages it left sparse worth compacting.
      void collect()
        .then(collect)
        .catch(() => undefined)
        .finally(() => (this.baseline = heapSize()));
    } catch (error) {
      // An engine without it: memory is only kept longer.
      this.log(`releasing memory after a burst failed: ${String(error)}`);
      this.baseline = Number.POSITIVE_INFINITY;
    }
  }
}

function collect(): Promise<unknown> {
  return vm.measureMemory({ mode: 'summary', execution: 'eager' });
}

function heapSize(): number {
  return v8.getHeapStatistics().total_heap_size;
}
