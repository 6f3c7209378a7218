import { isAlias, isCollection, isMap, isScalar, type Node } from "yaml";

/**
 * The shape of a YAML text, checked before anything walks it recursively (`yaml`'s `toJS` and
 * `visit`, zod): how deep it nests, where a mapping repeats a key, where its first alias is.
 * Everything here is one pass and without recursion, so a hostile file costs its size.
 */

/** Deeper YAML is refused: no library file needs it, and readers recurse per level. */
export const MAX_DEPTH = 64;

/**
 * The 1-based line (within `text`) where flow collections (`[`, `{`) first nest deeper than
 * MAX_DEPTH, or undefined. One pass; a bracket counts only where YAML reads it as flow: as a
 * value's first character or inside an open collection, outside quotes and comments.
 */
export function deepFlowLine(text: string): number | undefined {
  if (text.indexOf("[") === -1 && text.indexOf("{") === -1) return undefined;
  let depth = 0;
  let line = 1;
  /** Only blanks, `-`, `?`, `:` since the line start or the last `: `: a bracket opens flow. */
  let atValue = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      if (depth === 0) atValue = true;
      continue;
    }
    if ((depth > 0 || atValue) && (c === '"' || c === "'")) {
      // A quoted scalar inside flow: skip to its end ('' escapes ' and \ escapes " as yaml).
      for (i++; i < text.length; i++) {
        if (text[i] === "\n") line++;
        if (c === '"' && text[i] === "\\") i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
      if (depth === 0) atValue = false;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      continue;
    }
    if ((c === "[" || c === "{") && (depth > 0 || atValue)) {
      if (++depth > MAX_DEPTH) return line;
      continue;
    }
    if ((c === "]" || c === "}") && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) {
      if (c === ":" && /\s/.test(text[i + 1] ?? " ")) atValue = true;
      else if (c !== " " && c !== "-" && c !== "?" && c !== "\t") atValue = false;
    }
  }
  return undefined;
}

/**
 * Records the line of every key and item (without recursion: a deep document must not overflow
 * the stack here), and says where it first nests deeper than MAX_DEPTH, where a mapping first
 * repeats a key and where its first alias is.
 */
export function collectLines(
  root: unknown,
  lines: Record<string, number>,
  lineAt: (pos: number | undefined) => number,
): { tooDeepAt?: number; firstAliasAt?: number; duplicateAt?: number } {
  const out: { tooDeepAt?: number; firstAliasAt?: number; duplicateAt?: number } = {};
  const stack: { node: unknown; prefix: string; depth: number }[] = [
    { node: root, prefix: "", depth: 0 },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, prefix, depth } = item;
    if (isAlias(node)) {
      const line = lineAt(node.range?.[0]);
      if (out.firstAliasAt === undefined || line < out.firstAliasAt) out.firstAliasAt = line;
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_DEPTH) {
      out.tooDeepAt = lineAt(node.range?.[0]);
      return out;
    }
    const children: { node: unknown; prefix: string; depth: number }[] = [];
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        // Scalar keys by value, as yaml's uniqueKeys compares them (`1` and `"1"` differ).
        const keyValue = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(keyValue)) {
          const line = lineAt((pair.key as Node | null)?.range?.[0]);
          if (out.duplicateAt === undefined || line < out.duplicateAt) out.duplicateAt = line;
        }
        keys.add(keyValue);
        // A complex key (`? [a, b]`) is not stringified: that recurses, and no schema accepts one.
        const key = isScalar(pair.key) ? String(pair.key.value) : "?";
        const path = prefix + key;
        lines[path] ??= lineAt((pair.key as Node | null)?.range?.[0]);
        if (isCollection(pair.key) || isAlias(pair.key)) {
          children.push({ node: pair.key, prefix: `${path}.`, depth: depth + 1 });
        }
        children.push({ node: pair.value, prefix: `${path}.`, depth: depth + 1 });
      }
    } else {
      node.items.forEach((child, i) => {
        lines[prefix + i] ??= lineAt((child as Node | null)?.range?.[0]);
        children.push({ node: child, prefix: `${prefix + i}.`, depth: depth + 1 });
      });
    }
    // Reversed onto the stack, so paths are visited (and `??=` keeps the first) in order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof children)[0]);
  }
  return out;
}
