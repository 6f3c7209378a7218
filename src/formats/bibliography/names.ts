/**
 * Display names (`Kaiming He`, `Jan van der Berg`, `H. K. Hall Jr.`) split into family and
 * given parts for the formats that want them (CSL-JSON, RIS): the last word, with the lower-case
 * particles before it (`van der`), is the family name, a generational suffix after it (`Jr.`,
 * `III`) is the suffix; one word alone is a literal name. `joinName` puts the parts back in the
 * same order, so a name split and joined is the name it was.
 */
export interface NameParts {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}

/** Words that end a name as its suffix, never its family name. */
const SUFFIXES = /^(?:Jr\.?|Sr\.?|II|III|IV|V|VI)$/;

export function splitName(name: string): NameParts {
  const words = name.trim().split(/\s+/);
  const suffix =
    words.length > 2 && SUFFIXES.test(words.at(-1) as string) ? words.pop() : undefined;
  if (words.length < 2) return { literal: name.trim() };
  let at = words.length - 1;
  while (at > 1 && /^\p{Ll}/u.test(words[at - 1] as string)) at--;
  const parts: NameParts = {
    given: words.slice(0, at).join(" "),
    family: words.slice(at).join(" "),
  };
  if (suffix !== undefined) parts.suffix = suffix;
  return parts;
}

/** A display name from parts: `Given Family Suffix`, or the literal. */
export function joinName(parts: NameParts): string {
  if (parts.literal) return parts.literal.trim();
  return [parts.given, parts.family, parts.suffix]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(" ");
}
