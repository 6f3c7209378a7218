import type { Library, ReviewCard, ReviewRating } from "../core/index.js";
import { JingduError } from "../core/index.js";

const study = () => import("../study/index.js");
const store = () => import("../store/index.js");

/**
 * Makes a note a review card (due now) in reviews.yaml; a note already under review keeps its
 * card. The note must exist in `library`.
 * @example const { card, added } = await markNoteForReview({ root, library, noteId: "paper:resnet", now })
 */
export async function markNoteForReview(opts: {
  root: string;
  library: Library;
  noteId: string;
  now: () => Date;
}): Promise<{ card: ReviewCard; added: boolean; changed: string[] }> {
  const { findNote, markForReview } = await study();
  if (!findNote(opts.library, opts.noteId)) {
    throw new JingduError("unknown-note", `no note “${opts.noteId}” in the library`, {
      hint: "Name a note as paper:ID, episode:COURSE/N or course:ID.",
    });
  }
  const { LIBRARY_FILES, readReviews, writeReviewCards } = await store();
  const reviews = await readReviews(opts.root);
  const existing = reviews.cards[opts.noteId];
  if (existing) return { card: existing, added: false, changed: [] };
  const card = markForReview(reviews, opts.noteId, opts.now());
  await writeReviewCards(opts.root, [card]);
  return { card, added: true, changed: [LIBRARY_FILES.reviews] };
}

/**
 * Rates a review card (FSRS) and writes its next due time to reviews.yaml.
 * @example const { card } = await rateReview({ root, noteId: "paper:resnet", rating: "good", now })
 */
export async function rateReview(opts: {
  root: string;
  noteId: string;
  rating: ReviewRating;
  now: () => Date;
}): Promise<{ card: ReviewCard; changed: string[] }> {
  const { rate, REVIEW_RATINGS } = await study();
  if (!REVIEW_RATINGS.includes(opts.rating)) {
    throw new JingduError("bad-rating", `“${opts.rating}” is not a rating`, {
      hint: "Rate with again, hard, good or easy.",
    });
  }
  const { LIBRARY_FILES, readReviews, writeReviewCards } = await store();
  const card = (await readReviews(opts.root)).cards[opts.noteId];
  if (!card) {
    throw new JingduError("not-reviewed", `${opts.noteId} is not under review`, {
      hint: `Mark it first: jingdu review --mark ${opts.noteId}`,
    });
  }
  const next = rate(card, opts.rating, opts.now());
  await writeReviewCards(opts.root, [next]);
  return { card: next, changed: [LIBRARY_FILES.reviews] };
}

/** A card due for review with its note (undefined when the note is gone from the library). */
export interface DueReview {
  card: ReviewCard;
  note: { title: string; notes: string } | undefined;
}

/**
 * The cards due now (most overdue first) with their notes, and the next due time after now.
 * @example const { due, upcoming } = await dueReviews({ root, library, now })
 */
export async function dueReviews(opts: {
  root: string;
  library: Library;
  now: () => Date;
}): Promise<{ due: DueReview[]; upcoming: string | undefined; total: number }> {
  const [{ dueCards, findNote }, { readReviews }] = await Promise.all([study(), store()]);
  const reviews = await readReviews(opts.root);
  const at = opts.now();
  const due = dueCards(reviews, at).map((card) => ({
    card,
    note: findNote(opts.library, card.id),
  }));
  const upcoming = Object.values(reviews.cards)
    .map((card) => card.due)
    .filter((d) => Date.parse(d) > at.getTime())
    .sort()[0];
  return { due, upcoming, total: Object.keys(reviews.cards).length };
}
