/** Footnote definitions (`[^label]: text`, with indented continuation lines). */
export interface FootnoteDefinition {
  label: string;
  text: string;
  /** Line indices the definition occupies. */
  indices: number[];
}

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:\s*(.*)$/;

/** Finds every footnote definition outside fenced code, keyed by label. */
export function findFootnotes(lines: string[], fenced: Set<number>, from: number, to: number) {
  const found = new Map<string, FootnoteDefinition>();
  for (let i = from; i < to; i++) {
    if (fenced.has(i)) continue;
    const m = DEFINITION.exec(lines[i] as string);
    if (!m) continue;
    const def: FootnoteDefinition = { label: m[1] as string, text: m[2] ?? "", indices: [i] };
    while (i + 1 < to && /^(?: {2,}|\t)\S/.test(lines[i + 1] as string)) {
      i++;
      def.text += ` ${(lines[i] as string).trim()}`;
      def.indices.push(i);
    }
    if (!found.has(def.label)) found.set(def.label, def);
  }
  return found;
}

/**
 * Splits a footnote listing works into items: `1 [A]，2 [B]，3 [C]` → `["A", "B", "C"]`;
 * otherwise splits on `，`, `;` or `、` and strips list numbers.
 */
export function splitMentions(text: string): string[] {
  // A linked work keeps its URL (`名字 <https://…>`): mentions are plain text, the link is the
  // only way to find the work again.
  const bracketed = [...text.matchAll(/\[([^\][]+)\](?:\(([^()]*)\))?/g)].map((m) => {
    const name = (m[1] as string).trim();
    const url = m[2]?.trim();
    return name !== "" && url ? `${name} <${url}>` : name;
  });
  if (bracketed.length > 0) return bracketed.filter((t) => t !== "");
  return text
    .split(/[，,;；、]/)
    .map((part) => part.replace(/^\s*\d+[.)、]?\s+/, "").trim())
    .filter((part) => part !== "");
}
