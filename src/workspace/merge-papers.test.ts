import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoLibrary } from "../../test/support/demo-library.js";
import { checkLibrary, loadLibrary } from "../store/index.js";
import { markNoteForReview, mergePapers, recordReading } from "./index.js";

/** `jingdu merge` on the demo library with a second file for the Transformer paper. */
let root: string;
const now = () => new Date("2026-12-02T05:00:00Z");
const read = (f: string) => readFileSync(join(root, f), "utf8");

beforeAll(async () => {
  root = await demoLibrary("jingdu-merge-");
  writeFileSync(
    join(root, "papers/attention-is-all-you-need.md"),
    `---\nshort: Attention Is All You Need\ntitle: Attention is All you Need\nvenue: NeurIPS\nids: {arxiv: "1706.03762v5", corpusId: 13756489}\n---\n我的第二份笔记：多头注意力。\n`,
  );
  // Something points at the duplicate: an episode, another paper's note, progress, a review card.
  const ep = "courses/limu/episodes/010.md";
  writeFileSync(
    join(root, ep),
    read(ep).replace("papers: [vit]", "papers: [vit, attention-is-all-you-need]"),
  );
  writeFileSync(
    join(root, "papers/bert.md"),
    `${read("papers/bert.md")}\n见 [[attention-is-all-you-need|注意力]]。\n`,
  );
  const library = (await loadLibrary(root)).library;
  await recordReading({ root, library, paperId: "attention-is-all-you-need", pass: 1, now });
  await markNoteForReview({ root, library, noteId: "paper:attention-is-all-you-need", now });
});
afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

it("doctor names both files; merge leaves one file and no dangling link, progress or review", async () => {
  const before = await loadLibrary(root);
  const dupes = checkLibrary(before).filter((d) => d.rule === "duplicate-paper");
  expect(dupes).toHaveLength(1);
  const said = `${dupes[0]?.file} ${dupes[0]?.message}`;
  expect(said).toContain("papers/transformer.md");
  expect(said).toContain("papers/attention-is-all-you-need.md");

  const r = await mergePapers({
    root,
    library: before.library,
    keep: "transformer",
    remove: "attention-is-all-you-need",
    now,
  });
  expect(existsSync(join(root, "papers/attention-is-all-you-need.md"))).toBe(false);
  expect(r.filled).toEqual(expect.arrayContaining(["title", "venue", "ids.corpusId"]));
  const kept = read("papers/transformer.md");
  expect(kept).toContain("自注意力"); // its own notes first …
  expect(kept).toContain("我的第二份笔记：多头注意力。"); // … then the other's
  expect(kept).toContain('arxiv: "1706.03762"'); // its own id stays as written
  expect(read("courses/limu/episodes/010.md")).toContain("papers: [vit, transformer]");
  expect(read("papers/bert.md")).toContain("[[transformer|注意力]]");
  expect(read("progress.yaml")).not.toContain("attention-is-all-you-need");
  expect(read("progress.yaml")).toMatch(/transformer:/);
  expect(read("reviews.yaml")).toContain("paper:transformer");
  expect(read("reviews.yaml")).not.toContain("attention-is-all-you-need");
  const revisions = readdirSync(join(root, "revisions/papers/attention-is-all-you-need.md"));
  expect(revisions).toEqual([r.revision]);

  const after = await loadLibrary(root);
  const problems = [...after.diagnostics, ...checkLibrary(after)].filter(
    (d) => d.level === "error" || /paper-missing|orphan|duplicate-paper/.test(d.rule),
  );
  expect(problems).toEqual([]);
});
