import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { demoLibrary } from "../../test/support/demo-library.js";
import { describeWithFixtures, type FakeApi, startFakeApi } from "../../test/support/fake-api.js";
import { ConflictError, JingduError, type Library } from "../core/index.js";
import { loadLibrary } from "../store/index.js";
import {
  addCourse,
  addPaper,
  dueReviews,
  keepNoteDraft,
  listNoteRevisions,
  markEpisodes,
  markNoteForReview,
  NoteConflictError,
  rateReview,
  readNoteForEditing,
  recordReading,
  restoreNoteRevision,
  saveNote,
  watchAndReload,
} from "./index.js";

let root: string;
let library: Library;
let clock = new Date("2026-03-01T10:00:00Z");
const now = () => clock;
const progress = () => parse(readFileSync(join(root, "progress.yaml"), "utf8"));

beforeAll(async () => {
  root = await demoLibrary("jingdu-workspace-");
  library = (await loadLibrary(root)).library;
});
afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<JingduError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JingduError);
    return error as JingduError;
  }
  throw new Error("expected the use case to refuse");
}

describe("markEpisodes", () => {
  it("writes the status and position of episodes to progress.yaml and sums their runtime", async () => {
    const r = await markEpisodes({
      root,
      library,
      courseId: "limu",
      numbers: [1, 2],
      status: "done",
      now,
    });
    expect(r.numbers).toEqual([1, 2]);
    expect(r.changed).toEqual(["progress.yaml"]);
    expect(r.seconds).toBeGreaterThan(0);
    await markEpisodes({
      root,
      library,
      courseId: "limu",
      numbers: [3],
      status: "watching",
      position: 754,
      now,
    });
    const episodes = progress().episodes.limu;
    expect(episodes[1].status).toBe("done");
    expect(episodes[2].status).toBe("done");
    expect(episodes[3]).toMatchObject({ status: "watching", position: "12:34" });
  });

  it("refuses an unknown course or episode, writing nothing", async () => {
    const before = readFileSync(join(root, "progress.yaml"), "utf8");
    const course = await rejection(
      markEpisodes({ root, library, courseId: "nope", numbers: [1], status: "done", now }),
    );
    expect(course.code).toBe("unknown-course");
    const episode = await rejection(
      markEpisodes({ root, library, courseId: "limu", numbers: [999], status: "done", now }),
    );
    expect(episode.code).toBe("unknown-episode");
    expect(episode.message).toContain("999");
    expect(readFileSync(join(root, "progress.yaml"), "utf8")).toBe(before);
  });
});

describe("recordReading", () => {
  it("records a pass with today's date, sections and a value, and returns the state", async () => {
    const paperId = library.papers[0]?.id ?? "";
    const { state } = await recordReading({
      root,
      library,
      paperId,
      pass: 2,
      sections: ["method"],
      value: { novelty: 4, effectiveness: 5, problemSize: 3 },
      now,
    });
    expect(state.passes).toEqual([{ pass: 2, date: "2026-03-01" }]);
    expect(state.sections).toContain("method");
    expect(progress().papers[paperId].value).toEqual({
      novelty: 4,
      effectiveness: 5,
      problemSize: 3,
    });
  });

  it("refuses an unknown paper", async () => {
    expect(
      (await rejection(recordReading({ root, library, paperId: "nope", pass: 1, now }))).code,
    ).toBe("unknown-paper");
  });
});

describe("saveNote, keepNoteDraft, restoreNoteRevision", () => {
  const file = "courses/limu/episodes/004.md";

  it("saves a body under the front matter, keeps the old text as a revision, restores it", async () => {
    const before = readFileSync(join(root, file), "utf8");
    const opened = await readNoteForEditing(root, file);
    const { hash } = await saveNote({
      root,
      file,
      body: "A new note.",
      baseHash: opened.hash,
      now,
    });
    const after = readFileSync(join(root, file), "utf8");
    expect(after.endsWith("\nA new note.\n")).toBe(true);
    expect(after.slice(0, after.indexOf("\n---", 3))).toBe(
      before.slice(0, before.indexOf("\n---", 3)),
    );
    expect(hash).toBe((await readNoteForEditing(root, file)).hash);
    const revisions = await listNoteRevisions(root, file);
    expect(revisions.map((r) => r.text)).toEqual([before]);
    clock = new Date("2026-03-01T10:01:00Z");
    await restoreNoteRevision({ root, file, revision: revisions[0]?.name ?? "", now });
    expect(readFileSync(join(root, file), "utf8")).toBe(before);
    // The text it replaced is a revision too: nothing is lost.
    expect((await listNoteRevisions(root, file)).map((r) => r.text)).toContain(after);
  });

  it("refuses a save from a stale base with both texts, writing nothing", async () => {
    const before = readFileSync(join(root, file), "utf8");
    const count = (await listNoteRevisions(root, file)).length;
    const error = await rejection(
      saveNote({ root, file, body: "mine", baseHash: "0".repeat(64), now }),
    );
    expect(error).toBeInstanceOf(NoteConflictError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as NoteConflictError).yours).toBe("mine");
    expect((error as NoteConflictError).diskHash).toBe((await readNoteForEditing(root, file)).hash);
    expect(readFileSync(join(root, file), "utf8")).toBe(before);
    expect(await listNoteRevisions(root, file)).toHaveLength(count);
  });

  it("keeps a draft as a revision without touching the note; refuses files that are no notes", async () => {
    const before = readFileSync(join(root, file), "utf8");
    clock = new Date("2026-03-01T10:02:00Z");
    const name = await keepNoteDraft({ root, file, body: "draft text", now });
    expect(readFileSync(join(root, "revisions", file, name), "utf8")).toContain("draft text");
    expect(readFileSync(join(root, file), "utf8")).toBe(before);
    for (const bad of ["jingdu.yaml", "../outside.md", "papers/../jingdu.yaml"]) {
      expect(
        (await rejection(saveNote({ root, file: bad, body: "x", baseHash: null, now }))).code,
      ).toBe("not-a-note");
    }
    const unknown = await rejection(restoreNoteRevision({ root, file, revision: "nope.md", now }));
    expect(unknown.code).toBe("unknown-revision");
  });
});

describe("markNoteForReview, rateReview, dueReviews", () => {
  it("marks a note due now, keeps an existing card, rates it and lists what is due", async () => {
    clock = new Date("2026-03-02T09:00:00Z");
    const first = await markNoteForReview({ root, library, noteId: "episode:limu/1", now });
    expect(first.added).toBe(true);
    expect(first.card.due).toBe(clock.toISOString());
    const again = await markNoteForReview({ root, library, noteId: "episode:limu/1", now });
    expect(again.added).toBe(false);
    expect((await dueReviews({ root, library, now })).due.map((d) => d.card.id)).toEqual([
      "episode:limu/1",
    ]);
    const { card: next } = await rateReview({
      root,
      noteId: "episode:limu/1",
      rating: "good",
      now,
    });
    expect(Date.parse(next.due)).toBeGreaterThan(clock.getTime());
    const { due, upcoming } = await dueReviews({ root, library, now });
    expect(due).toEqual([]);
    expect(upcoming).toBe(next.due);
  });

  it("refuses an unknown note and rating a note not under review", async () => {
    expect(
      (await rejection(markNoteForReview({ root, library, noteId: "paper:nope", now }))).code,
    ).toBe("unknown-note");
    expect(
      (await rejection(rateReview({ root, noteId: "course:limu", rating: "good", now }))).code,
    ).toBe("not-reviewed");
  });
});

describe("watchAndReload", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it("reports a reload that fails and reloads again at the next change", async () => {
    const dir = join(dirname(root), "watched");
    mkdirSync(join(dir, "papers"), { recursive: true });
    const reloads: (string[] | undefined)[] = [];
    const errors: unknown[] = [];
    const watch = watchAndReload({
      root: dir,
      debounceMs: 50,
      reload: async (paths) => {
        reloads.push(paths);
        if (reloads.length === 1) throw new Error("the first reload fails");
      },
      onError: (error) => errors.push(error),
    });
    cleanup.push(() => watch.close());
    const waitFor = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    writeFileSync(join(dir, "papers", "a.md"), "---\nshort: A\n---\n");
    await waitFor(() => errors.length > 0);
    await watch.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(["the first reload fails"]);
    writeFileSync(join(dir, "papers", "b.md"), "---\nshort: B\n---\n");
    await waitFor(() => reloads.length > 1);
    await watch.idle();
    expect(reloads.flat()).toContain("papers/b.md");
    expect(errors).toHaveLength(1);
  });
});

describeWithFixtures("addPaper and addCourse against the fake API server", (fixtures) => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi({ fixturesDir: fixtures });
  });
  afterAll(() => api.close());

  it("adds a course's episodes and fills a paper found by title, never over an existing file", async () => {
    const sources = api.sources();
    const course = await addCourse({ root, sources, library, input: "bilibili:BV1wE4m1R7cu" });
    expect(course.files).toContain(`courses/${course.course.id}/course.md`);
    expect(readdirSync(join(root, "courses", course.course.id, "episodes"))).toEqual([
      "001.md",
      "002.md",
    ]);
    const paper = await addPaper({ root, sources, library, input: "Attention Is All You Need" });
    expect(paper.how).toBe("title");
    // The demo has it as transformer.md: that entry is filled, no file is created.
    expect(paper.added).toBe(false);
    expect(paper.existing?.file).toBe("papers/transformer.md");
    expect(readFileSync(join(root, paper.file), "utf8")).toContain("1706.03762");
    const bad = await rejection(
      addPaper({ root, sources, library, input: "Attention Is All You Need", category: "no-such" }),
    );
    expect(bad.code).toBe("unknown-category");
  });
});
