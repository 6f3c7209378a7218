/**
 * Values computed from a text (a note), kept by the text itself: a note that did not change is
 * not converted again, and as the key is the whole text, a changed note can never get an old
 * value. Two generations of at most `size` texts each, so texts no longer asked for are dropped.
 * Lookups of a string the program holds on to are cheap: V8 keeps a string's hash in it.
 * @example const plain = textMemo((md) => strip(md)); plain(note)
 */
export function textMemo<V>(compute: (text: string) => V, size = 20_000): (text: string) => V {
  let known = new Map<string, V>();
  let older = new Map<string, V>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = older.has(text) ? (older.get(text) as V) : compute(text);
      if (known.size >= size) [older, known] = [known, new Map()];
      known.set(text, value);
    }
    return value;
  };
}
