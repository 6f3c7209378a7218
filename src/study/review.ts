/**
 * Spaced review of notes with FSRS (ts-fsrs). A note becomes a card when the learner marks it;
 * each rating reschedules it. Cards are plain data (the core model's `ReviewCard`) so they can
 * live in reviews.yaml; ts-fsrs types stay inside this module. Pure: the clock is passed in.
 */
import { type Card, createEmptyCard, type FSRS, fsrs, type Grade, Rating, State } from "ts-fsrs";
import type { ReviewCard, ReviewRating, ReviewState, Reviews } from "../core/index.js";
import { localDay } from "./dates.js";
import { parseNoteId } from "./review-notes.js";

export * from "./review-notes.js";

const RATING: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const STATES: Record<ReviewState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};
const STATE_NAMES = Object.fromEntries(
  Object.entries(STATES).map(([name, state]) => [state, name]),
) as Record<State, ReviewState>;

/**
 * The scheduler: ts-fsrs defaults (retention 0.9, learning steps 1m/10m, short-term on), no fuzz
 * so a schedule is reproducible from its inputs.
 */
const scheduler: FSRS = fsrs({ enable_fuzz: false });

const iso = (d: Date): string => d.toISOString();

function toFsrs(card: ReviewCard): Card {
  const last = card.lastReview === undefined ? undefined : new Date(card.lastReview);
  const due = new Date(card.due);
  return {
    due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATES[card.state],
    ...(last ? { last_review: last } : {}),
  };
}

/**
 * A new card for a note, due now; an existing card is returned unchanged (marking twice keeps
 * the schedule).
 * @example markForReview(reviews, "paper:resnet", new Date())
 */
export function markForReview(reviews: Reviews, id: string, now: Date): ReviewCard {
  const existing = reviews.cards[id];
  if (existing) return existing;
  if (!parseNoteId(id)) throw new RangeError(`not a note id: ${id}`);
  const empty = createEmptyCard(now);
  return {
    id,
    added: localDay(now),
    due: iso(empty.due),
    stability: empty.stability,
    difficulty: empty.difficulty,
    reps: empty.reps,
    lapses: empty.lapses,
    state: STATE_NAMES[empty.state],
    learningSteps: empty.learning_steps,
    scheduledDays: empty.scheduled_days,
    log: [],
  };
}

/** Cards due at `now` (due time not after it), the most overdue first. */
export function dueCards(reviews: Reviews, now: Date): ReviewCard[] {
  const t = now.getTime();
  return Object.values(reviews.cards)
    .filter((c) => Date.parse(c.due) <= t)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || (a.id < b.id ? -1 : 1));
}

/**
 * The card after answering `rating` at `now`: rescheduled by FSRS, the rating appended to its log.
 * @example rate(card, "good", new Date()).due
 */
export function rate(card: ReviewCard, rating: ReviewRating, now: Date): ReviewCard {
  const next = scheduler.next(toFsrs(card), now, RATING[rating]).card;
  return {
    id: card.id,
    added: card.added,
    due: iso(next.due),
    stability: next.stability,
    difficulty: next.difficulty,
    reps: next.reps,
    lapses: next.lapses,
    state: STATE_NAMES[next.state],
    learningSteps: next.learning_steps,
    scheduledDays: next.scheduled_days,
    lastReview: iso(next.last_review ?? now),
    log: [...card.log, { rating, at: iso(now) }],
  };
}

/** The card after `cards` with one replaced (a new Reviews value; the input is not changed). */
export function withCard(reviews: Reviews, card: ReviewCard): Reviews {
  return { cards: { ...reviews.cards, [card.id]: card } };
}
