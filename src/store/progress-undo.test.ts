import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { setPaperSections } from "./paper-reading.js";
import { readProgress } from "./progress.js";
import { unsetPaperPass } from "./progress-undo.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const PROGRESS = `# my reading
papers:
  resnet:
    passes: [{ pass: 1, date: 2026-11-30 }, { pass: 2, date: 2026-12-01 }]
    sections: [title, abstract]
    value: { novelty: 4, effectiveness: 5, problemSize: 3 }
    mood: keen # a key jingdu does not know
`;

async function root(): Promise<string> {
  const dir = await writeTempLibrary(
    new Map([
      ["jingdu.yaml", "title: t\n"],
      ["progress.yaml", PROGRESS],
    ]),
  );
  roots.push(dir);
  return dir;
}

describe("undoing reading progress in progress.yaml", () => {
  it("takes one pass out and leaves the rest of the file as written", async () => {
    const dir = await root();
    expect(await unsetPaperPass(dir, "resnet", 2)).toBe(true);
    const text = await readFile(join(dir, "progress.yaml"), "utf8");
    expect(text).toContain("# my reading");
    expect(text).toContain("mood: keen # a key jingdu does not know");
    const p = (await readProgress(dir)).papers.resnet;
    expect(p?.passes).toEqual([{ pass: 1, date: "2026-11-30" }]);
    expect(p?.sections).toEqual(["title", "abstract"]);
    expect(p?.value).toEqual({ novelty: 4, effectiveness: 5, problemSize: 3 });
  });

  it("says when there was no such pass, and changes nothing", async () => {
    const dir = await root();
    expect(await unsetPaperPass(dir, "resnet", 3)).toBe(false);
    expect(await unsetPaperPass(dir, "bert", 1)).toBe(false);
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(PROGRESS);
  });

  it("sets the checklist as a whole, in reading order (a box can be cleared)", async () => {
    const dir = await root();
    await setPaperSections(dir, "resnet", ["method", "title"]);
    expect((await readProgress(dir)).papers.resnet?.sections).toEqual(["title", "method"]);
    await setPaperSections(dir, "resnet", []);
    expect((await readProgress(dir)).papers.resnet?.sections).toEqual([]);
  });
});
