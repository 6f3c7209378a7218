/**
 * Finds catches that drop an error without a word: `catch {` whose block neither throws nor says
 * (in a comment) why nothing is lost, `catch (e) {}` with an empty block, and `.catch(() => …)`
 * handlers that ignore the error with no comment on their line or the two lines above.
 */
export interface SilentCatch {
  line: number;
  kind: "catch-without-binding" | "empty-catch" | "ignoring-promise-catch";
  text: string;
}

const COMMENT = /\/\/|\/\*/;

/** The text of the block whose `{` is at `open`, braces counted (strings with braces are rare here). */
function blockAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

export function findSilentCatches(text: string): SilentCatch[] {
  const found: SilentCatch[] = [];
  const lineOf = (index: number) => text.slice(0, index).split("\n").length;
  const lines = text.split("\n");
  for (const m of text.matchAll(/\bcatch\s*(\(\s*[\w$]+(?:\s*:\s*\w+)?\s*\))?\s*\{/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const body = blockAt(text, open);
    const line = lineOf(m.index ?? 0);
    const sameLine = lines[line - 1] ?? "";
    const explained = COMMENT.test(body) || /\{\s*\/[/*]/.test(sameLine);
    if (explained) continue;
    if (m[1] === undefined && !/\bthrow\b/.test(body))
      found.push({ line, kind: "catch-without-binding", text: sameLine.trim() });
    else if (m[1] !== undefined && body.trim() === "")
      found.push({ line, kind: "empty-catch", text: sameLine.trim() });
  }
  for (const m of text.matchAll(/\.catch\(\s*(?:\(\s*\)|\(\s*_[\w$]*\s*\)|_[\w$]*)\s*=>/g)) {
    const line = lineOf(m.index ?? 0);
    const near = lines.slice(Math.max(0, line - 3), line).join("\n");
    if (!COMMENT.test(near))
      found.push({ line, kind: "ignoring-promise-catch", text: (lines[line - 1] ?? "").trim() });
  }
  return found.sort((a, b) => a.line - b.line);
}
