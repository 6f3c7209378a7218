import type { Library } from "../core/index.js";

/** Objects this module froze, with everything below them. */
const frozen = new WeakSet<object>();

function freezeDeep(value: object): void {
  if (frozen.has(value)) return;
  frozen.add(value);
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object") freezeDeep(child);
  }
  Object.freeze(value);
}

/**
 * Freezes every paper, episode, course and category of `library`, with all they hold (once per
 * object). A builder answers an item's recorded questions from the last build when the item is
 * the very object that build had (`isFrozenItem`): with the object frozen, being the same object
 * means holding the same values, and a change made in place throws instead of leaving a page stale.
 */
export function freezeItems(library: Library): void {
  for (const p of library.papers) freezeDeep(p);
  for (const c of library.categories) freezeDeep(c);
  for (const c of library.courses) freezeDeep(c);
}

/** Whether `freezeItems` froze this object (and so everything in it). */
export const isFrozenItem = (value: object): boolean => frozen.has(value);
