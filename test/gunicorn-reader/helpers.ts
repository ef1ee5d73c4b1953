/** Test helpers: a parsed document from text, and `<|>` caret extraction. */
import { initPython } from '../../server/src/core/treeSitter';
import { parseGunicornDocument } from '../../server/src/formats/gunicorn/reader';
import type { GunicornDocument } from '../../server/src/formats/gunicorn/context';

export async function ready(): Promise<void> {
  await initPython();
}

export function parse(text: string, previous?: GunicornDocument): GunicornDocument {
  return parseGunicornDocument(text, previous);
}

/** Removes the `<|>` caret and returns the text and the caret's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('no <|> caret in the test text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 3), offset };
}
