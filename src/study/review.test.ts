import { createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import type { ReviewCard, ReviewRating, Reviews } from "../core/index.js";
import { dueCards, markForReview, parseNoteId, rate, withCard } from "./review.js";

const t0 = new Date("2024-07-10T09:30:00.000Z");
const GRADE: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** A card as it comes back from reviews.yaml: plain JSON, nothing shared with the last call. */
const viaFile = (card: ReviewCard): ReviewCard => JSON.parse(JSON.stringify(card)) as ReviewCard;

describe("note ids", () => {
  it("name a paper, an episode or a course", () => {
    expect(parseNoteId("paper:resnet")).toEqual({ kind: "paper", paperId: "resnet" });
    expect(parseNoteId("episode:limu/7")).toEqual({ kind: "episode", courseId: "limu", number: 7 });
    expect(parseNoteId("course:limu")).toEqual({ kind: "course", courseId: "limu" });
    for (const bad of ["resnet", "episode:limu", "episode:limu/0", "paper:a/b", "note:x"]) {
      expect(parseNoteId(bad), bad).toBeUndefined();
    }
  });
});

describe("FSRS scheduling", () => {
  it("marks a note as a new card due now, and marking again keeps its schedule", () => {
    const card = markForReview({ cards: {} }, "paper:resnet", t0);
    expect(card).toMatchObject({
      id: "paper:resnet",
      due: t0.toISOString(),
      state: "new",
      reps: 0,
      log: [],
    });
    const rated = rate(card, "good", t0);
    expect(markForReview(withCard({ cards: {} }, rated), "paper:resnet", t0)).toBe(rated);
    expect(() => markForReview({ cards: {} }, "resnet", t0)).toThrow(RangeError);
  });

  it("gives the same due dates as ts-fsrs for the same ratings and times", () => {
    const script: [ReviewRating, (due: Date) => Date][] = [
      ["good", () => t0],
      ["good", (due) => due],
      ["good", (due) => due],
      ["again", (due) => new Date(due.getTime() + 2 * 86_400_000)],
      ["hard", (due) => due],
      ["easy", (due) => new Date(due.getTime() + 86_400_000)],
    ];
    const reference = fsrs({ enable_fuzz: false });
    let theirs = createEmptyCard(t0);
    let ours = markForReview({ cards: {} }, "episode:limu/7", t0);
    for (const [rating, when] of script) {
      const at = when(theirs.due);
      theirs = reference.next(theirs, at, GRADE[rating]).card;
      ours = rate(viaFile(ours), rating, at);
      expect(ours.due).toBe(theirs.due.toISOString());
      expect(ours.stability).toBe(theirs.stability);
      expect(ours.difficulty).toBe(theirs.difficulty);
      expect([ours.reps, ours.lapses]).toEqual([theirs.reps, theirs.lapses]);
    }
    expect(ours.log.map((l) => l.rating)).toEqual(script.map(([r]) => r));
    expect(ours.lapses).toBe(1);
    expect(ours.state).toBe("review");
    // After three goods and a lapse the interval is days, not minutes.
    expect(Date.parse(ours.due) - Date.parse(ours.lastReview ?? "")).toBeGreaterThan(86_400_000);
  });

  it("lists the due cards, most overdue first", () => {
    const a = rate(markForReview({ cards: {} }, "paper:a", t0), "good", t0); // due in 10 minutes
    const b = markForReview({ cards: {} }, "paper:b", new Date("2024-07-09T00:00:00Z"));
    const c = markForReview({ cards: {} }, "course:c", t0);
    const reviews: Reviews = { cards: { [a.id]: a, [b.id]: b, [c.id]: c } };
    expect(dueCards(reviews, t0).map((x) => x.id)).toEqual(["paper:b", "course:c"]);
    const later = new Date(t0.getTime() + 11 * 60_000);
    expect(dueCards(reviews, later).map((x) => x.id)).toEqual(["paper:b", "course:c", "paper:a"]);
  });
});
