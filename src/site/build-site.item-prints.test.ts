import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MUTATIONS } from "../../test/support/library-mutations.js";
import { loadEager, now, preparedLibraries } from "../../test/support/prepared-libraries.js";
import { siteFiles } from "../../test/support/site-output.js";
import { createSiteRoutes } from "../app/index.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { createMarkdownProcessor } from "../render/index.js";
import { decodeReads, encodeReads } from "./build-record.js";
import { type BuildSiteResult, createSiteBuilder, type SiteBuilder } from "./build-site.js";
import { loadSiteInputs, type SiteInputs, updateSiteInputs } from "./site-inputs.js";

const FULL = process.env.JINGDU_RELIABILITY === "full";
const { temps, library: prepared } = preparedLibraries("jingdu-prints");
const load = loadEager;
const markdown = createMarkdownProcessor();

/** What a build did, as a user of `--json` sees it. */
const outcome = (r: BuildSiteResult) => ({
  rendered: r.rendered,
  written: [...r.written].sort(),
  removed: [...r.removed].sort(),
  warnings: r.warnings,
});

/**
 * One output folder built incrementally two ways: a watch builder, and a new builder per build
 * (`jingdu build` run again, reading the manifest), with or without the item-print shortcut.
 */
function paths(itemPrints: boolean) {
  const watchOut = temps.make();
  const buildOut = temps.make();
  const opts = { baseUrl: "/", now, markdown, itemPrints };
  const watcher: SiteBuilder = createSiteBuilder({ ...opts, outDir: watchOut });
  return {
    build(inputs: SiteInputs) {
      const watched = watcher.build(inputs.library, inputs);
      const built = createSiteBuilder({ ...opts, outDir: buildOut }).build(inputs.library, inputs);
      return { watched: outcome(watched), built: outcome(built) };
    },
    files: () => ({ watch: siteFiles(watchOut), build: siteFiles(buildOut) }),
  };
}

describe("the item-print shortcut (questions about an item of the same print not asked)", () => {
  it("renders, writes and removes exactly what asking every question does, change after change", async () => {
    const kinds = Object.keys(MUTATIONS);
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...kinds), fc.array(fc.nat(), { minLength: 8 })), {
          minLength: 2,
          maxLength: FULL ? 14 : 8,
        }),
        async (sequence) => {
          const root = await prepared();
          let inputs = await loadSiteInputs(root, load);
          const shortcut = paths(true);
          const plain = paths(false);
          expect(shortcut.build(inputs)).toEqual(plain.build(inputs));
          for (const [kind, numbers] of sequence) {
            let next = 0;
            const pick = (n: number) => (n <= 0 ? 0 : (numbers[next++ % numbers.length] ?? 0) % n);
            const changed = MUTATIONS[kind]?.(root, inputs.library, pick) ?? [];
            inputs =
              (await updateSiteInputs(inputs, changed)) ?? (await loadSiteInputs(root, load));
            expect(shortcut.build(inputs), kind).toEqual(plain.build(inputs));
            // And again with nothing changed: nothing rendered on either path.
            const again = shortcut.build(inputs);
            expect(again.built.rendered, kind).toBe(0);
            expect(again).toEqual(plain.build(inputs));
            steps++;
          }
          expect(shortcut.files()).toEqual(plain.files());
        },
      ),
      { numRuns: FULL ? 20 : 4 },
    );
    expect(steps).toBeGreaterThan(0);
  }, 600_000);

  it("tells apart what a page can ask: a key set to nothing, key order, -0, NaN", () => {
    const paper = makePaper({ id: "p", title: "One" });
    const site = createSiteRoutes(makeLibrary({ papers: [paper] }), {
      baseUrl: "/",
      now,
      markdown,
    });
    const print = (value: object) => site.itemPrint(value);
    expect(print({ a: 1, b: undefined })).not.toBe(print({ a: 1 }));
    expect(print({ a: 1, b: 2 })).not.toBe(print({ b: 2, a: 1 }));
    expect(print({ n: -0 })).not.toBe(print({ n: 0 }));
    expect(print({ n: Number.NaN })).not.toBe(print({ n: null }));
    expect(print({ a: [1, undefined] })).not.toBe(print({ a: [1, null] }));
    // An item held by another is its root: its own questions are about it, not the holder.
    const holder = { held: paper };
    const before = print(holder);
    expect(before).not.toBe(print({ held: { ...paper } }));
    paper.title = "Two";
    expect(print(holder)).toBe(before);
    expect(print(paper)).not.toBe(print({ ...paper, title: "One" }));
  });
});

describe("the manifest's reads", () => {
  it("are the same numbers after encoding, in ascending order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 2 ** 31 - 1 })), (reads) => {
        expect(decodeReads(encodeReads(reads))).toEqual([...reads].sort((a, b) => a - b));
      }),
    );
    expect(() => decodeReads(Buffer.from([0x80]).toString("base64"))).toThrow();
  });
});
