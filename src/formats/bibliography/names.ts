/**
 * Display names (`Kaiming He`, `Jan van der Berg`) split into family and given parts for the
 * formats that want them (CSL-JSON, RIS): the last word, with the lower-case particles before
 * it (`van der`), is the family name; one word alone is a literal name.
 */
export interface NameParts {
  family?: string;
  given?: string;
  literal?: string;
}

export function splitName(name: string): NameParts {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { literal: name.trim() };
  let at = words.length - 1;
  while (at > 1 && /^\p{Ll}/u.test(words[at - 1] as string)) at--;
  return { given: words.slice(0, at).join(" "), family: words.slice(at).join(" ") };
}

/** A display name from parts: `Given Family`, or the literal. */
export function joinName(parts: NameParts): string {
  if (parts.literal) return parts.literal.trim();
  return [parts.given, parts.family]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(" ");
}
