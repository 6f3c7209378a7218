import { describe, expect, it } from "vitest";
import { parseTranscript, scanNoteRefs } from "../../src/core/index.js";
import { importDocument, parseStudyLog, readTranscriptFile } from "../../src/formats/index.js";
import { createMarkdownProcessor, loadRenderPackages } from "../../src/render/index.js";
import { parseLibraryFile } from "../../src/store/index.js";
import { HOSTILE_MARKDOWN, HOSTILE_YAML } from "./hostile-text.js";

/**
 * Linear time on hostile input (issue 14, "Linear time" and item 7): each adversarial document is
 * read at two sizes and the time must grow roughly with the size (at most 3× the size ratio), not
 * with its square. Not an absolute time: the small size is measured several times and the
 * fastest run kept, so a busy machine slows both sides alike. Before: a line of 100,000 spaces
 * took 14 s to import, 100,000 `{%` 5 s, 5,000 equal headings 10 s to render.
 */
const FULL = process.env.JINGDU_RELIABILITY === "full";
const KB = 1024;
const SMALL = FULL ? 1024 * KB : 128 * KB;
const LARGE = FULL ? 8 * 1024 * KB : 512 * KB;
/** The renderer is slower per byte (markdown-it, KaTeX): smaller sizes, the same ratio. */
const RENDER_SMALL = SMALL / 4;
const RENDER_LARGE = LARGE / 4;
/** Below this the clock says little: a smaller first time counts as this much. */
const FLOOR_MS = 20;
const SLACK = 3;

/** The fastest of `runs` timings of `fn`, in ms. */
function fastest(fn: () => unknown, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

interface Scaling {
  name: string;
  small: number;
  large: number;
  ratio: number;
}

/** Times `read` on each document at both sizes; returns every timing and the ones too slow. */
function checkScaling(
  what: string,
  docs: Record<string, (bytes: number) => string>,
  read: (text: string) => unknown,
  sizes: { small: number; large: number },
): { all: Scaling[]; slow: Scaling[] } {
  const all: Scaling[] = [];
  const sizeRatio = sizes.large / sizes.small;
  for (const [name, make] of Object.entries(docs)) {
    const small = make(sizes.small);
    const large = make(sizes.large);
    read(small); // warm up the code paths (JIT) before anything is timed
    // On a shared machine one measurement can meet a busy moment (the suite's other worker runs
    // a browser test beside this one): a document fails only when it is too slow three times in
    // a row, each size's fastest time over the attempts kept (a quadratic reader is slow every
    // time, so its large size stays slow).
    let tSmall = Number.POSITIVE_INFINITY;
    let tLarge = Number.POSITIVE_INFINITY;
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 3 && ratio > SLACK * sizeRatio; attempt++) {
      tSmall = Math.min(
        tSmall,
        fastest(() => read(small), FULL ? 5 : 3),
      );
      tLarge = Math.min(
        tLarge,
        fastest(() => read(large), FULL ? 3 : 1),
      );
      ratio = tLarge / Math.max(tSmall, FLOOR_MS);
    }
    all.push({ name, small: tSmall, large: tLarge, ratio });
    console.log(
      `reliability: linear-time ${what} "${name}": ${kb(small.length)} ${tSmall.toFixed(1)} ms, ${kb(large.length)} ${tLarge.toFixed(1)} ms, ratio ${ratio.toFixed(1)} (size ratio ${sizeRatio})`,
    );
  }
  const slow = all.filter((s) => s.ratio > SLACK * sizeRatio);
  console.log(
    `reliability: linear-time ${what}: ${all.length} documents at ${kb(sizes.small)} and ${kb(sizes.large)}, ${all.length - slow.length} passed (time ratio ≤ ${SLACK}× the size ratio)`,
  );
  return { all, slow };
}

const kb = (n: number) =>
  n >= 1024 * KB ? `${(n / 1024 / KB).toFixed(0)} MB` : `${Math.round(n / KB)} KB`;

describe("hostile input is read in time proportional to its size", () => {
  it("the study-log importer", () => {
    const read = (text: string) => parseStudyLog(text, { file: "hostile.md", courseId: "c" });
    const { slow } = checkScaling("import", HOSTILE_MARKDOWN, read, { small: SMALL, large: LARGE });
    expect(slow).toEqual([]);
  }, 600_000);

  it("any document: detection, the paper-list reader and the coverage check", () => {
    const read = (text: string) => importDocument(text, { file: "hostile.md", courseId: "c" });
    const { slow } = checkScaling("importDocument", HOSTILE_MARKDOWN, read, {
      small: SMALL,
      large: LARGE,
    });
    expect(slow).toEqual([]);
  }, 600_000);

  it("the library loader: note bodies and front matter", () => {
    const episode = (body: string) =>
      parseLibraryFile("courses/c/episodes/001.md", `---\nnumber: 1\ntitle: T\n---\n${body}`);
    const paper = (yaml: string) => parseLibraryFile("papers/x.md", `---\n${yaml}---\nnotes\n`);
    const sizes = { small: SMALL, large: LARGE };
    const bodies = checkScaling("load (note body)", HOSTILE_MARKDOWN, episode, sizes);
    // Thousands of lines with an unclosed quote are slow in yaml's own lexer (not ours): timed
    // and printed, not asserted; see docs/library-format.md.
    const { "unclosed quotes": quotes, ...yamlDocs } = HOSTILE_YAML;
    const yaml = checkScaling("load (front matter)", yamlDocs, paper, sizes);
    checkScaling(
      "load (front matter, yaml's lexer)",
      { "unclosed quotes": quotes as (n: number) => string },
      paper,
      {
        small: sizes.small / 16,
        large: sizes.large / 16,
      },
    );
    expect([...bodies.slow, ...yaml.slow]).toEqual([]);
  }, 600_000);

  it("the note renderer's plugins", async () => {
    await loadRenderPackages();
    const md = createMarkdownProcessor();
    const read = (text: string) => md.render(text, { file: "papers/x.md", kind: "paper" });
    // Runs of `[` (also as `[[a`, `[@a`) meet markdown-it's own link-label scan (its core, not a
    // plugin of ours), slower than linear in markdown-it 14 even without plugins: left out here,
    // see docs/importing.md.
    const { "[": _a, "[[": _b, "[@": _c, ...docs } = HOSTILE_MARKDOWN;
    const { slow } = checkScaling("render", docs, read, {
      small: RENDER_SMALL,
      large: RENDER_LARGE,
    });
    expect(slow).toEqual([]);
  }, 600_000);

  it("the subtitle readers (SRT, bilibili JSON) and the library's transcript reader", () => {
    const sizes = { small: SMALL, large: LARGE };
    // As cue text after a timing line, and as the whole file: markup scans, blocks without timing.
    const cue = (text: string) => `1\n00:00:01,000 --> 00:00:02,000\n${text}`;
    const srt = checkScaling(
      "transcript (srt)",
      HOSTILE_MARKDOWN,
      (t) => readTranscriptFile(Buffer.from(cue(t)), { file: "hostile.srt" }),
      sizes,
    );
    const vtt = checkScaling(
      "transcript (library vtt)",
      HOSTILE_MARKDOWN,
      (t) => parseTranscript(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${t}`, "hostile.vtt"),
      sizes,
    );
    const json = checkScaling(
      "transcript (bilibili json)",
      HOSTILE_MARKDOWN,
      (t) =>
        readTranscriptFile(
          Buffer.from(JSON.stringify({ body: [{ from: 0, to: 1, content: t }] })),
          {
            file: "hostile.json",
          },
        ),
      sizes,
    );
    expect([...srt.slow, ...vtt.slow, ...json.slow]).toEqual([]);
  }, 600_000);

  it("the note scanner of backlinks, tags and doctor", () => {
    const { slow } = checkScaling("scan", HOSTILE_MARKDOWN, scanNoteRefs, {
      small: SMALL,
      large: LARGE,
    });
    expect(slow).toEqual([]);
  }, 600_000);

  it("the issue's own cases in FULL: 100,000 spaces on a line, a 4,000-level list in 16 MB", () => {
    const spaces = `## 一集 10:00\n\n${" ".repeat(100_000)}x\n`;
    const started = performance.now();
    parseStudyLog(spaces, { file: "spaces.md", courseId: "c" });
    const spacesMs = performance.now() - started;
    const list = (HOSTILE_MARKDOWN["nested list"] as (n: number) => string)(
      FULL ? 16 * 1024 * KB : 1024 * KB,
    );
    const listStarted = performance.now();
    parseStudyLog(list, { file: "list.md", courseId: "c" });
    const listMs = performance.now() - listStarted;
    console.log(
      `reliability: linear-time import: 100,000 spaces on a line ${spacesMs.toFixed(0)} ms (was 21 s); nested list of ${Math.floor(Math.sqrt(list.length))} levels, ${kb(list.length)}: ${listMs.toFixed(0)} ms (was 233 s at 16 MB)`,
    );
    // Generous bounds: the point is seconds instead of minutes, not a benchmark.
    expect(spacesMs).toBeLessThan(5_000);
    expect(listMs).toBeLessThan(FULL ? 60_000 : 10_000);
  }, 600_000);
});
