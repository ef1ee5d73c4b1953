/**
 * A 64-bit content hash of a string (two independent 32-bit FNV-1a style lanes with a final avalanche), written
 * out with the string's length. For ids that must change when content changes and stay equal when it does not
 * (diagnostic result ids): not for security. Plain arithmetic, so the CLI never loads `node:crypto` (about 5 ms of
 * a cold start) for it.
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${avalanche(a).toString(36)}.${avalanche(b).toString(36)}.${text.length.toString(36)}`;
}

/** Spreads every input bit over the whole word (murmur3's finaliser), so near-equal texts get distant hashes. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
