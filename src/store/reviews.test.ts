import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import type { ReviewCard } from "../core/index.js";
import { loadLibrary } from "./load-library.js";
import { addPaperSections, setPaperValue } from "./paper-reading.js";
import { readProgress } from "./progress.js";
import { readReviews, removeReviewCards, writeReviewCards } from "./reviews.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function root(extra: [string, string][] = []): Promise<string> {
  const dir = await writeTempLibrary(new Map([["jingdu.yaml", "title: t\n"], ...extra]));
  roots.push(dir);
  return dir;
}

const card: ReviewCard = {
  id: "paper:resnet",
  added: "2024-07-10",
  due: "2024-07-10T09:40:00.000Z",
  stability: 2.3065,
  difficulty: 2.11810397,
  reps: 1,
  lapses: 0,
  state: "learning",
  learningSteps: 1,
  scheduledDays: 0,
  lastReview: "2024-07-10T09:30:00.000Z",
  log: [{ rating: "good", at: "2024-07-10T09:30:00.000Z" }],
};

describe("reviews.yaml", () => {
  it("is written with a header, read back exactly, and loaded with the library", async () => {
    const dir = await root();
    expect((await loadLibrary(dir)).library.reviews).toBeUndefined();
    await writeReviewCards(dir, [card, { ...card, id: "episode:limu/7", log: [] }]);
    const text = await readFile(join(dir, "reviews.yaml"), "utf8");
    expect(text).toMatch(/^# Spaced review of notes \(FSRS\)/);
    expect(text).toContain("  paper:resnet:\n    added: 2024-07-10\n");
    expect(text).toContain("    log:\n      - { rating: good, at: 2024-07-10T09:30:00.000Z }\n");
    const reviews = await readReviews(dir);
    expect(reviews.cards["paper:resnet"]).toEqual(card);
    expect(reviews.cards["episode:limu/7"]?.log).toEqual([]);
    const loaded = await loadLibrary(dir);
    expect(loaded.library.reviews?.cards["paper:resnet"]).toEqual(card);
    expect(loaded.diagnostics).toEqual([]);
  });

  it("keeps comments and unknown keys when a card is updated, and removes cards", async () => {
    const dir = await root();
    await writeReviewCards(dir, [card]);
    const path = join(dir, "reviews.yaml");
    const edited = (await readFile(path, "utf8")).replace(
      "  paper:resnet:\n",
      "  # my favourite\n  paper:resnet:\n    mood: calm\n",
    );
    await writeFile(path, edited);
    const next = {
      ...card,
      reps: 2,
      log: [...card.log, { rating: "easy" as const, at: "2024-07-11T00:00:00.000Z" }],
    };
    await writeReviewCards(dir, [next]);
    const text = await readFile(path, "utf8");
    expect(text).toContain("# my favourite\n  paper:resnet:\n    added: 2024-07-10\n");
    expect(text).toContain("    mood: calm\n");
    expect(text).toContain("reps: 2");
    expect(text).toContain("- { rating: easy, at: 2024-07-11T00:00:00.000Z }");
    await removeReviewCards(dir, ["paper:resnet"]);
    expect((await readReviews(dir)).cards).toEqual({});
  });

  it("reports a bad card with file and line and still loads the others", async () => {
    const dir = await root([
      [
        "reviews.yaml",
        "cards:\n  paper:a:\n    added: 2024-07-10\n    due: tomorrow\n    stability: 0\n    difficulty: 0\n    reps: 0\n    lapses: 0\n    state: new\n  paper:b:\n    added: 2024-07-10\n    due: 2024-07-10T00:00:00.000Z\n    stability: 0\n    difficulty: 0\n    reps: 0\n    lapses: 0\n    state: new\n",
      ],
    ]);
    const loaded = await loadLibrary(dir);
    expect(Object.keys(loaded.library.reviews?.cards ?? {})).toEqual(["paper:b"]);
    expect(loaded.diagnostics[0]).toMatchObject({ file: "reviews.yaml", line: 4 });
  });
});

describe("paper reading in progress.yaml", () => {
  it("adds sections in reading order and sets the value rating", async () => {
    const dir = await root([
      [
        "progress.yaml",
        "# mine\npapers:\n  resnet:\n    passes: [{ pass: 1, date: 2024-07-10 }]\n",
      ],
    ]);
    await addPaperSections(dir, "resnet", ["method", "title"]);
    await addPaperSections(dir, "resnet", ["abstract", "method"]);
    await setPaperValue(dir, "resnet", { novelty: 4, effectiveness: 5, problemSize: 5 });
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(
      "# mine\npapers:\n  resnet:\n    passes: [ { pass: 1, date: 2024-07-10 } ]\n    sections: [ title, abstract, method ]\n    value: { novelty: 4, effectiveness: 5, problemSize: 5 }\n",
    );
    expect((await readProgress(dir)).papers.resnet).toEqual({
      passes: [{ pass: 1, date: "2024-07-10" }],
      sections: ["title", "abstract", "method"],
      value: { novelty: 4, effectiveness: 5, problemSize: 5 },
    });
  });
});

describe("reviews.yaml key order", () => {
  it("keeps the written order when a later write adds lastReview", async () => {
    const dir = await root();
    const { lastReview: _, ...fresh } = { ...card, log: [] };
    await writeReviewCards(dir, [fresh]);
    await writeReviewCards(dir, [card]);
    const text = await readFile(join(dir, "reviews.yaml"), "utf8");
    expect(text.indexOf("lastReview:")).toBeLessThan(text.indexOf("log:"));
    await writeReviewCards(dir, [fresh]);
    expect(await readFile(join(dir, "reviews.yaml"), "utf8")).not.toContain("lastReview");
  });
});
