/**
 * Ids for library items. An id is a slug that keeps letters of any script, so `参数服务器`
 * stays readable in file names and URLs, while `DALL·E 2` becomes `dall-e-2`.
 */

/** Lower-cases and turns every run of non-letters/digits into one `-`. */
export function slugify(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Returns `base`, or `base-2`, `base-3`… — the first one not in `taken`; adds it to `taken`. */
export function uniqueId(base: string, taken: Set<string>): string {
  const root = base === "" ? "item" : base;
  let id = root;
  for (let n = 2; taken.has(id); n++) id = `${root}-${n}`;
  taken.add(id);
  return id;
}

/** True for a valid item id: a non-empty slug as `slugify` makes. */
export function isValidId(id: string): boolean {
  return id.length > 0 && id.length <= 120 && slugify(id) === id;
}

/**
 * A loose key for matching names written differently: case, spaces, punctuation and
 * `·`/`.` variants are ignored (`DALL·E 2` ≡ `DALL.E 2`, `Megatron LM` ≡ `Megatron-LM`).
 */
export function nameKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
