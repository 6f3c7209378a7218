/**
 * `ReadTracker.print`: a text of `value` (strings length-prefixed) that keeps what JSON drops or merges (a key
 * set to `undefined`, -0, NaN) and writes an item held inside `top` as its root. A walk of its
 * own: `JSON.stringify` with a replacer calls back for every value and took ~4× as long.
 */
export function printOf(value: unknown, top: object, roots: WeakMap<object, string>): string {
  switch (typeof value) {
    case "string":
      // Length-prefixed, not quoted: escaping a note's text cost most of the walk.
      return `${value.length}:${value}`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return value ? "t" : "f";
    case "undefined":
      return "u";
    case "object": {
      if (value === null) return "n";
      if (value !== top) {
        const root = roots.get(value);
        if (root !== undefined) return `@${root.length}:${root}`;
      }
      if (Array.isArray(value)) {
        let text = "[";
        for (let i = 0; i < value.length; i++) {
          text += `${i === 0 ? "" : ","}${printOf(value[i], top, roots)}`;
        }
        return `${text}]`;
      }
      let text = "{";
      let first = true;
      for (const key of Object.keys(value)) {
        const child = (value as Record<string, unknown>)[key];
        text += `${first ? "" : ","}${key.length}:${key}=${printOf(child, top, roots)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      // A function or a symbol is code, not data: pages never get it from a view's read.
      return `?${typeof value}`;
  }
}
