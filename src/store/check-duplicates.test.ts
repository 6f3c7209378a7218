import { rm } from "node:fs/promises";
import { afterAll, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { checkLibrary } from "./check-library.js";
import { loadLibrary } from "./load-library.js";
import { libraryFiles } from "./serialize.js";

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

it("doctor names both files of a probable duplicate: a shared id in any form, or one title", async () => {
  const root = await writeTempLibrary(
    libraryFiles(
      makeLibrary({
        papers: [
          makePaper({
            id: "nature-mi",
            short: "PaperQA",
            ids: { doi: "10.1038/s42256-024-00832-8" },
          }),
          makePaper({
            id: "nature-mi-2",
            short: "again",
            ids: { doi: "10.1038/S42256-024-00832-8" },
          }),
          makePaper({ id: "resnet", short: "ResNet", ids: { arxiv: "1512.03385" } }),
          makePaper({ id: "resnet-v2", short: "ResNet v2", ids: { arxiv: "1512.03385v2" } }),
          makePaper({ id: "t1", short: "T", title: "Attention Is All You Need" }),
          makePaper({ id: "t2", short: "T2", title: "Attention is all you need." }),
          makePaper({ id: "other", short: "O", title: "Attention Is Not All You Need" }),
        ],
      }),
    ),
  );
  roots.push(root);
  const dupes = checkLibrary(await loadLibrary(root)).filter((d) => d.rule === "duplicate-paper");
  expect(dupes.map((d) => d.file).sort()).toEqual([
    "papers/nature-mi-2.md",
    "papers/resnet-v2.md",
    "papers/t2.md",
  ]);
  const byFile = new Map(dupes.map((d) => [d.file, d]));
  expect(byFile.get("papers/nature-mi-2.md")?.message).toContain("papers/nature-mi.md");
  expect(byFile.get("papers/resnet-v2.md")?.message).toContain("papers/resnet.md");
  expect(byFile.get("papers/t2.md")?.message).toContain("papers/t1.md");
  expect(byFile.get("papers/t2.md")?.line).toBe(3);
});
