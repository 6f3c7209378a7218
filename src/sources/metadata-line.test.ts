import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paper } from "../../test/support/library-builder.js";
import { loadFetchedMetadata, mergePaperWithFetched } from "./fetched-metadata.js";
import { parseMetadataLine } from "./metadata-line.js";

const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    key: "paper:a",
    source: "semantic-scholar",
    query: "CorpusId:1",
    fetchedAt: "2025-12-01T08:00:00.000Z",
    status: "ok",
    values: { title: "T" },
    history: {},
    ...over,
  });

describe("metadata lines are checked where they are read", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "jingdu-metadata-line-"));
    mkdirSync(join(root, "metadata"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    [{ values: null }, /^values: /],
    [{ values: [] }, /^values: /],
    [{ key: "a" }, /^key: not `paper:<id>`/],
    [{ fetchedAt: "yesterday" }, /^fetchedAt: not a date and time/],
    [{ history: { citationCount: [["2025-12-01", "many"]] } }, /^history\.citationCount\.0\.1: /],
    [{ status: "gone" }, /^status: /],
  ])("%j is refused with the field named", (over, problem) => {
    expect(parseMetadataLine(line(over)).problem).toMatch(problem);
  });

  it("a good line loads; one without history gets an empty one", () => {
    const { history: _, ...noHistory } = JSON.parse(line({}));
    const r = parseMetadataLine(JSON.stringify(noHistory));
    expect(r.record).toMatchObject({ key: "paper:a", values: { title: "T" }, history: {} });
  });

  it("a bad line is reported with file:line and skipped; merging the rest does not crash", async () => {
    writeFileSync(
      join(root, "metadata", "semantic-scholar.jsonl"),
      `${line({ key: "paper:b", values: null })}\n${line({})}\n`,
    );
    const { maps, diagnostics } = await loadFetchedMetadata(root);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "metadata-line-invalid",
        file: "metadata/semantic-scholar.jsonl",
        line: 1,
      }),
    ]);
    expect([...maps.s2.keys()]).toEqual(["paper:a"]);
    expect(mergePaperWithFetched(paper("b", {}), maps).paper.title).toBeUndefined();
    expect(mergePaperWithFetched(paper("a", {}), maps).paper.title).toBe("T");
  });

  it("a FIFO in place of a metadata file is reported, not opened (it would block)", async () => {
    execFileSync("mkfifo", [join(root, "metadata", "arxiv.jsonl")]);
    const { diagnostics } = await loadFetchedMetadata(root);
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: "file-not-regular", file: "metadata/arxiv.jsonl" }),
    ]);
  });
});
