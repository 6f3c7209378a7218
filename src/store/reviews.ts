import { type Document, isMap, isScalar, isSeq } from "yaml";
import { ParseError, type ReviewCard, type Reviews } from "../core/index.js";
import { LIBRARY_FILES } from "./library-layout.js";
import { ensureMap } from "./progress.js";
import { readLibraryYaml, updateYamlFile } from "./yaml-file.js";

/** The header a new reviews.yaml starts with (kept, like any comment, on every later write). */
const HEADER =
  " Spaced review of notes (FSRS), written by `jingdu review`. Imports never touch this file.\n" +
  " One entry per note: paper:ID, episode:COURSE/N or course:ID.";

/** Reads `reviews.yaml` (no cards when it does not exist); throws on an invalid file. */
export async function readReviews(root: string): Promise<Reviews> {
  const parsed = await readLibraryYaml(root, LIBRARY_FILES.reviews);
  if (!parsed) return { cards: {} };
  if (parsed.kind !== "reviews" || !parsed.reviews) {
    throw new ParseError(LIBRARY_FILES.reviews, 0, "invalid reviews");
  }
  return parsed.reviews;
}

/**
 * Edits `reviews.yaml` in place, keeping comments and unknown keys: read, edit and atomic write
 * under the file's lock, so concurrent reviews are all kept. Returns whether it changed.
 */
export function updateReviewsFile(root: string, edit: (doc: Document) => void): Promise<boolean> {
  return updateYamlFile(root, LIBRARY_FILES.reviews, edit, {
    onNew: (doc, text) => {
      if (text === null || text.trim() === "") doc.commentBefore = HEADER;
    },
  });
}

/** The card as it is written: keys in a fixed order, log entries one per line. */
function cardData(card: ReviewCard): Record<string, unknown> {
  const data: Record<string, unknown> = {
    added: card.added,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    learningSteps: card.learningSteps,
    scheduledDays: card.scheduledDays,
  };
  if (card.lastReview !== undefined) data.lastReview = card.lastReview;
  data.log = card.log.map((l) => ({ rating: l.rating, at: l.at }));
  return data;
}

/**
 * Writes the given cards into `reviews.yaml` (replacing the entries of the same note ids, keeping
 * every other entry and comment).
 * @example await writeReviewCards(root, [markForReview(reviews, "paper:resnet", now)])
 */
export async function writeReviewCards(
  root: string,
  cards: readonly ReviewCard[],
): Promise<boolean> {
  return updateReviewsFile(root, (doc) => {
    const map = ensureMap(doc, ["cards"]);
    for (const card of cards) {
      const existing = map.get(card.id, true);
      const node = doc.createNode(cardData(card));
      const log = node.get("log", true);
      if (isSeq(log)) for (const item of log.items) if (isMap(item)) item.flow = true;
      if (isMap(existing)) {
        // Update in place so comments and keys jingdu does not know stay on the entry; known keys
        // keep the written order, unknown ones follow.
        const keyOf = (pair: { key: unknown }): string =>
          String(isScalar(pair.key) ? pair.key.value : pair.key);
        const old = new Map(existing.items.map((pair) => [keyOf(pair), pair]));
        const known = new Set([...node.items.map(keyOf), "lastReview"]);
        existing.items = [
          ...node.items.map((pair) => {
            const kept = old.get(keyOf(pair));
            if (!kept) return pair;
            kept.value = pair.value;
            return kept;
          }),
          ...existing.items.filter((pair) => !known.has(keyOf(pair))),
        ];
      } else {
        map.set(card.id, node);
      }
    }
  });
}

/** Removes the entries of `ids` from reviews.yaml (a note that is no longer reviewed). */
export async function removeReviewCards(root: string, ids: readonly string[]): Promise<boolean> {
  return updateReviewsFile(root, (doc) => {
    for (const id of ids) doc.deleteIn(["cards", id]);
  });
}
