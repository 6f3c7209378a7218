import { readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import { richLibraries } from "../../test/fixtures/libraries/temp-libraries.js";
import { summarizeLibrary } from "../core/index.js";
import { LIBRARY_SUMMARY_FILE, loadLibrarySummary } from "./library-summary.js";
import { loadLibrary } from "./load-library.js";

const library = richLibraries();

/** What a full load gives, cut to what the summary keeps: the plain path to compare with. */
async function plain(root: string) {
  const { library, diagnostics } = await loadLibrary(root);
  const { papers, ...rest } = library;
  const heads = papers.map((p) => ({
    id: p.id,
    short: p.short,
    ...(p.year === undefined ? {} : { year: p.year }),
    categories: p.categories.slice(0, 1),
    covered: p.covered,
    ...(p.unresolved === undefined ? {} : { unresolved: p.unresolved }),
    ids: p.ids.s2 === undefined ? {} : { s2: p.ids.s2 },
  }));
  return { library, rest, papers: heads, diagnostics };
}

/** The summary's answer equals the full load's: the rest of the library, papers, problems, counts. */
async function expectSame(root: string, racyMs = 0): Promise<void> {
  const want = await plain(root);
  const got = await loadLibrarySummary(root, { racyMs });
  const { papers, ...rest } = got.library;
  expect(rest).toStrictEqual(want.rest);
  // In the catalog's order, as a full load has them (what `jingdu next` lists them by).
  expect(papers).toStrictEqual(want.papers);
  expect(got.diagnostics).toStrictEqual(want.diagnostics);
  expect(summarizeLibrary(got.library)).toStrictEqual(summarizeLibrary(want.library));
}

const tick = () => new Promise((r) => setTimeout(r, 15));

describe("loadLibrarySummary", () => {
  it("answers as a full load does, with no summary and from the summary", async () => {
    const root = await library();
    await writeFile(join(root, "papers/broken.md"), "---\nshort: [unclosed\nyear: soon\n---\nx\n");
    await writeFile(join(root, "papers/odd.md"), "---\nshort: Odd\ncolour: red\n---\nx\n");
    await tick();
    await expectSame(root);
    expect((await stat(join(root, LIBRARY_SUMMARY_FILE))).size).toBeGreaterThan(0);
    await expectSame(root);
    expect((await loadLibrarySummary(root)).diagnostics.length).toBeGreaterThan(0);
  });

  it("stays equal to a full load over 120 random edits, adds, deletes and touches", async () => {
    const root = await library();
    // Seeded, so that a failing sequence of mutations can be replayed.
    const next = createRandom(22);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const ids = ["resnet", "transformer", "参数服务器", "n1", "n2", "n3"];
    const categories = (await readFile(join(root, "categories.yaml"), "utf8"))
      .split("\n")
      .flatMap((line) => /^- id: (\S+)/.exec(line)?.[1] ?? []);
    const progress = join(root, "progress.yaml");
    const progressText = await readFile(progress, "utf8");
    await expectSame(root);
    for (let step = 0; step < 120; step++) {
      const id = pick(ids);
      const file = join(root, `papers/${id}.md`);
      const what = pick(["edit", "edit", "delete", "touch", "same-size", "broken", "progress"]);
      if (what === "edit") {
        const covered = next() < 0.5 ? "covered: true\n" : "";
        const year = next() < 0.7 ? `year: ${2000 + Math.floor(next() * 5)}\n` : "";
        const s2 = next() < 0.3 ? `ids:\n  s2: s2-${step}\n` : "";
        await writeFile(
          file,
          `---\nshort: ${id} ${step}\n${year}categories: [${pick(categories)}]\n${covered}${s2}---\nnote ${step}\n`,
        );
      } else if (what === "delete") await rm(file, { force: true });
      else if (what === "touch") {
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
      } else if (what === "same-size") {
        // The same size and mtime: only the ctime tells (git's "racy clean" case).
        const was = await stat(file).catch(() => undefined);
        if (was) {
          const text = await readFile(file, "utf8");
          const flipped = text.includes("covered: true")
            ? text.replace("covered: true", "covered: fals")
            : text.replace(/^short: .{4}/m, "short: XXXX");
          await tick();
          await writeFile(file, flipped);
          await utimes(file, was.atime, was.mtime);
        }
      } else if (what === "broken") {
        await writeFile(file, `---\nshort: [${step}\nunknown_${step % 3}: 1\n---\n`);
      } else {
        const read =
          next() < 0.5
            ? `  ${id}:\n    passes:\n      - pass: 1\n        date: 2026-12-0${1 + (step % 9)}\n`
            : "";
        await writeFile(
          progress,
          progressText.replace(/papers: \{\}\n?/, "") + (read ? `papers:\n${read}` : ""),
        );
      }
      await tick();
      await expectSame(root);
    }
  });

  it("sees a same-size edit made within the racy window of its last answer", async () => {
    const root = await library();
    const racyMs = 300;
    await new Promise((r) => setTimeout(r, racyMs + 50));
    const file = join(root, "papers/resnet.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^short: .*$/m, "short: AAAA"));
    const was = await stat(file);
    // The file was written within the racy window: its row is not kept, the older ones are.
    await loadLibrarySummary(root, { racyMs });
    const kept = await readFile(join(root, LIBRARY_SUMMARY_FILE), "utf8");
    expect(kept).toContain('"papers/transformer.md"');
    expect(kept).not.toContain('"papers/resnet.md"');
    await writeFile(file, text.replace(/^short: .*$/m, "short: BBBB"));
    await utimes(file, was.atime, was.mtime);
    await expectSame(root, racyMs);
  });

  it("ignores a damaged or foreign summary and writes it again", async () => {
    const root = await library();
    await tick();
    await loadLibrarySummary(root, { racyMs: 0 });
    const path = join(root, LIBRARY_SUMMARY_FILE);
    const good = await readFile(path, "utf8");
    for (const bad of ["garbage", good.slice(0, good.length / 2), "", '{"format":1,"rows":[]}']) {
      await writeFile(path, bad);
      await expectSame(root);
      expect(await readFile(path, "utf8")).toBe(good);
    }
  });
});
