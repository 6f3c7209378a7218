/**
 * The same string, flattened: V8 keeps a string built piece by piece (`+=`, markdown-it's
 * renderer) as a rope, a ~32-byte node per piece, until something reads it as a whole. A rendered
 * note is a rope of ~1,500 nodes: the server's 200 cached notes held 9 MB of rope nodes for 1 MB
 * of text; a regex `replace` gives a rope of its kept pieces too (the item resolver's 20,000 title
 * keys held 4 MB of rope nodes). Converting it to a number (`Number(s)` → NaN) makes V8 flatten
 * it in place, once.
 * @example cache.set(key, flatString(html))
 */
export function flatString(value: string): string {
  Number(value);
  return value;
}
