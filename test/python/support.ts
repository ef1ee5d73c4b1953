/** Shared helpers of the Python tests: facts of an inline module, and the text a range covers. */
import { readPythonModule } from '../../server/src/formats/python';
import type { PythonModuleFacts } from '../../server/src/formats/python';
import type { OffsetRange } from '../../server/src/core/text';

/** Facts of a module written as lines (joined with newlines, so tests read like Python). */
export function facts(...lines: string[]): PythonModuleFacts & { text: string } {
  const text = lines.join('\n') + '\n';
  return { ...readPythonModule(text), text };
}

export function textOf(text: string, range: OffsetRange): string {
  return text.slice(range.start, range.end);
}
