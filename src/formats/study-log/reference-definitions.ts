/** Markdown reference definitions (`[VGG]: https://…`), keyed by normalized label. */
export interface ReferenceDefinition {
  url: string;
  index: number;
}

const DEFINITION =
  /^ {0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$/;

/** Normalizes a reference label the way CommonMark matches them (case and spaces folded). */
export function referenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Every reference definition outside fenced code; the first definition of a label wins. */
export function findReferenceDefinitions(
  lines: string[],
  fenced: Set<number>,
  from: number,
  to: number,
) {
  const found = new Map<string, ReferenceDefinition>();
  for (let i = from; i < to; i++) {
    if (fenced.has(i)) continue;
    const m = DEFINITION.exec(lines[i] as string);
    if (!m) continue;
    const label = referenceLabel(m[1] as string);
    if (!found.has(label)) found.set(label, { url: m[2] as string, index: i });
  }
  return found;
}
