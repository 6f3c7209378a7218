import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendLibraryLines } from "./append-lines.js";

describe("appendLibraryLines", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "jingdu-append-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the file, appends whole lines, and cuts a torn tail a killed run left", async () => {
    const path = join(dir, "metadata", "graph.jsonl");
    await appendLibraryLines(path, ['{"a":1}', '{"b":2}']);
    expect(readFileSync(path, "utf8")).toBe('{"a":1}\n{"b":2}\n');
    writeFileSync(path, '{"a":1}\n{"b":2}\n{"c":', { flag: "w" });
    const { cutBytes } = await appendLibraryLines(path, ['{"d":4}']);
    expect(cutBytes).toBe(5);
    expect(readFileSync(path, "utf8")).toBe('{"a":1}\n{"b":2}\n{"d":4}\n');
    // A file that is one torn line only: cut to nothing, then the new lines.
    writeFileSync(path, '{"torn');
    await appendLibraryLines(path, ['{"e":5}']);
    expect(readFileSync(path, "utf8")).toBe('{"e":5}\n');
  });

  it("keeps concurrent appends of one process whole and in order", async () => {
    const path = join(dir, "g.jsonl");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => appendLibraryLines(path, [`{"n":${i}}`])),
    );
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `{"n":${i}}`));
  });
});
