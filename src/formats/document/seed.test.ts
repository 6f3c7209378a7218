/**
 * The seed (../shared/seeds, the 论文精读 post this project started from) through the coverage
 * check: the only lines in no item or note are the three the report names. Skips, saying so,
 * when ../shared is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "./import-document.js";

const SEED = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "..",
  "shared",
  "seeds",
  "000_f6b501323f8e2232.txt",
);
const HAS_SEED = existsSync(SEED);

if (!HAS_SEED) describe("the seed", () => it.skip(`../shared is missing (${SEED})`, () => {}));

describe.skipIf(!HAS_SEED)("the seed through importDocument", () => {
  const text = HAS_SEED ? readFileSync(SEED, "utf8") : "";
  const r = importDocument(text, { file: "seed.md", courseId: "limu" });

  it("is a study log: 54 episodes, 89 papers in 12 categories", () => {
    expect(r.kind).toBe("study-log");
    expect(r.course?.episodes).toHaveLength(54);
    expect(r.papers).toHaveLength(89);
    expect(r.categories).toHaveLength(12);
  });

  it("accounts for every line: three of 513 are named in the report, nothing else is lost", () => {
    expect(r.coverage.textLines).toBe(513);
    expect(r.coverage.dropped).toEqual([647, 819, 820]);
    const named = r.diagnostics.filter((d) => d.rule === "line-not-imported");
    expect(named.map((d) => d.line)).toEqual([647, 819, 820]);
    expect(named[0]?.message).toContain("视频中提到的文献");
  });
});
