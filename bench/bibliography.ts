/**
 * Bibliography import and export at 20,000 entries (issue 18's bench), side by side in one run:
 *
 * - the chosen parser alone: `parse` of @retorquere/bibtex-parser with the options jingdu uses
 *   (`raw`, unsupported ignored) on the whole file;
 * - `jingdu import FILE --into NEW --json` end to end, in this process: detect, parse, map, the
 *   coverage check, 20,000 paper files written through the one writer, the index built;
 * - `jingdu export --format bibtex --out F` end to end (the library loaded, the file written), the
 *   same again (the parsed-library cache the first left warm), and `exportBibliography` alone on
 *   the loaded library.
 *
 * The file is made of the fixtures' own entries (`../shared/fixtures/bibtex` and
 * `better-bibtex`: math, accents, braces, BibLaTeX dates, arXiv eprints, BBT keys), copied round
 * by round with a suffix on each key and DOI until there are 20,000, so every entry is a new paper.
 * Goals: import ≤ 3× the parser's own parse; export ≤ 1 s. Wall and CPU time are both printed:
 * on a loaded machine the wall ratio swings, CPU time less so.
 * Run: npm run bench:bibliography [-- --entries 20000 --runs 3]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "@retorquere/bibtex-parser";
import { exportBibliography } from "../src/formats/index.js";
import { loadLibrary } from "../src/store/index.js";
import { runCliInProcess } from "../test/support/run-cli.js";
import { SHARED } from "../test/support/shared-files.js";

const { values: args } = parseArgs({
  options: {
    entries: { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
  },
  // Other scripts import `generatedBibtex`: their arguments are theirs.
  strict: false,
});
const ENTRIES = Number(args.entries);
const RUNS = Number(args.runs);
const FIXTURES = join(SHARED, "fixtures");
const FOLDERS: [string, RegExp][] = [
  ["bibtex", /\.bib$/],
  ["better-bibtex", /\.biblatex$/],
];
const ENTRY_START = /^[ \t]*@[ \t]*([a-z]+)[ \t]*[{(][ \t]*([^,\s]*)/im;
const NOT_ENTRY = new Set(["comment", "string", "preamble"]);

/** The fixtures' entries, each as its text: from one `@type{key,` line to the next. */
function fixtureEntries(): { key: string; text: string }[] {
  const entries: { key: string; text: string }[] = [];
  for (const [folder, pattern] of FOLDERS) {
    for (const name of readdirSync(join(FIXTURES, folder))
      .filter((f) => pattern.test(f))
      .sort()) {
      const text = readFileSync(join(FIXTURES, folder, name), "utf8").replace(/\r\n/g, "\n");
      let current: { key: string; lines: string[] } | undefined;
      const flush = () => {
        if (current) entries.push({ key: current.key, text: current.lines.join("\n").trimEnd() });
        current = undefined;
      };
      for (const line of text.split("\n")) {
        const m = ENTRY_START.exec(line);
        if (m) {
          flush();
          // @string/@preamble/@comment are left out: a copied entry must not need them.
          if (!NOT_ENTRY.has((m[1] as string).toLowerCase()))
            current = { key: m[2] as string, lines: [line] };
        } else current?.lines.push(line);
      }
      flush();
    }
  }
  return entries.filter((e) => e.key !== "");
}

/** `n` entries: the fixtures' entries round after round, each round's keys and DOIs suffixed. */
export function generatedBibtex(n: number): string {
  const base = fixtureEntries();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = base[i % base.length] as { key: string; text: string };
    const round = Math.floor(i / base.length);
    if (round === 0) {
      out.push(e.text);
      continue;
    }
    const key = `${e.key}-r${round}`;
    out.push(
      e.text
        .replace(e.key, key)
        .replace(/(\bdoi\s*=\s*[{"][^}"]*)/i, `$1.r${round}`)
        .replace(/(\beprint\s*=\s*[{"][^}"]*)/i, `$1v${round}`),
    );
  }
  return `${out.join("\n\n")}\n`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const range = (xs: number[]) => `[${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
const cell = (xs: number[]) => `${median(xs).toFixed(0)} ms ${range(xs)}`;

/** Wall and CPU milliseconds of `f` (CPU: this process, all its threads). */
async function timed<T>(f: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "jingdu-bench-bib-"));
  try {
    const text = generatedBibtex(ENTRIES);
    const file = join(work, "refs.bib");
    writeFileSync(file, text);
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(1))
        .join(" ");
    console.log(
      `bibliography bench: ${ENTRIES.toLocaleString("en")} entries, ${(text.length / 1e6).toFixed(1)} MB, ${RUNS} runs; node ${process.version}; load ${load()}`,
    );
    const t = {
      parseWall: [] as number[],
      parseCpu: [] as number[],
      importWall: [] as number[],
      importCpu: [] as number[],
      ratioWall: [] as number[],
      ratioCpu: [] as number[],
      split: [] as { parse: number; write: number; index: number }[],
      exportWall: [] as number[],
      exportCpu: [] as number[],
      warmWall: [] as number[],
      warmCpu: [] as number[],
      exportOnly: [] as number[],
    };
    // One unmeasured round on a small file first: the parser and the import's code are both
    // compiled before either is timed (else the first one timed pays for the JIT).
    const warm = join(work, "warm.bib");
    writeFileSync(warm, generatedBibtex(300));
    parse(readFileSync(warm, "utf8"), { raw: true, unsupported: "ignore" });
    await runCliInProcess(["import", warm, "--into", join(work, "warm"), "--json"], { cwd: work });
    await runCliInProcess(["export", "--format", "bibtex", "--out", join(work, "warm-out.bib")], {
      cwd: join(work, "warm"),
    });
    for (let run = 0; run < RUNS; run++) {
      const parsed = await timed(() => parse(text, { raw: true, unsupported: "ignore" }));
      if (parsed.value.entries.length !== ENTRIES)
        throw new Error(`the parser read ${parsed.value.entries.length} of ${ENTRIES} entries`);
      const lib = join(work, `lib-${run}`);
      const imported = await timed(() =>
        runCliInProcess(["import", file, "--into", lib, "--json"], { cwd: work }),
      );
      if (imported.value.code !== 0) throw new Error(`import: ${imported.value.stderr}`);
      const report = JSON.parse(imported.value.stdout) as {
        papers: { created: number };
        ms: { parse: number; write: number; index?: number };
      };
      if (report.papers.created !== ENTRIES)
        throw new Error(`import created ${report.papers.created} of ${ENTRIES} papers`);
      t.parseWall.push(parsed.wall);
      t.parseCpu.push(parsed.cpu);
      t.importWall.push(imported.wall);
      t.importCpu.push(imported.cpu);
      t.ratioWall.push(imported.wall / parsed.wall);
      t.ratioCpu.push(imported.cpu / parsed.cpu);
      t.split.push({
        parse: report.ms.parse,
        write: report.ms.write,
        index: report.ms.index ?? Number.NaN,
      });

      const out = join(work, `export-${run}.bib`);
      const exported = await timed(() =>
        runCliInProcess(["export", "--format", "bibtex", "--out", out], { cwd: lib }),
      );
      if (exported.value.code !== 0) throw new Error(`export: ${exported.value.stderr}`);
      if (!exported.value.stderr.includes(`Exported ${ENTRIES} papers`))
        throw new Error(`export: ${exported.value.stderr}`);
      t.exportWall.push(exported.wall);
      t.exportCpu.push(exported.cpu);
      // Again: the first export parsed the 20,000 files and left the parsed-library cache
      // (store's loadLibraryCached), which every later command of this library starts from.
      const warm = await timed(() =>
        runCliInProcess(["export", "--format", "bibtex", "--out", out], { cwd: lib }),
      );
      if (warm.value.code !== 0) throw new Error(`export: ${warm.value.stderr}`);
      t.warmWall.push(warm.wall);
      t.warmCpu.push(warm.cpu);
      const { library } = await loadLibrary(lib);
      const only = await timed(() => exportBibliography(library, { format: "bibtex" }));
      t.exportOnly.push(only.wall);
      rmSync(lib, { recursive: true, force: true });
      console.log(
        `  run ${run + 1}: parser ${parsed.wall.toFixed(0)} ms, import ${imported.wall.toFixed(0)} ms (${(imported.wall / parsed.wall).toFixed(2)}×), export ${exported.wall.toFixed(0)} ms; load ${load()}`,
      );
    }
    const ratio = (xs: number[]) =>
      `${median(xs).toFixed(2)}× [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    const s = (k: "parse" | "write" | "index") => median(t.split.map((x) => x[k])).toFixed(0);
    const rows = [
      ["what", "measured (median [range])", "goal"],
      ["parser alone, wall / CPU", `${cell(t.parseWall)} / ${cell(t.parseCpu)}`, "the reference"],
      [
        "jingdu import end to end, wall / CPU",
        `${cell(t.importWall)} / ${cell(t.importCpu)} (its report: parse ${s("parse")}, write ${s("write")}, index ${s("index")} ms)`,
        "—",
      ],
      ["import ÷ parser, wall", ratio(t.ratioWall), `≤ 3×: ${verdict(median(t.ratioWall) <= 3)}`],
      ["import ÷ parser, CPU", ratio(t.ratioCpu), `≤ 3×: ${verdict(median(t.ratioCpu) <= 3)}`],
      [
        "jingdu export --format bibtex, wall / CPU",
        `${cell(t.exportWall)} / ${cell(t.exportCpu)}`,
        `≤ 1 s: ${verdict(median(t.exportWall) <= 1000)}`,
      ],
      [
        "the same export again (library cache warm), wall / CPU",
        `${cell(t.warmWall)} / ${cell(t.warmCpu)}`,
        `≤ 1 s: ${verdict(median(t.warmWall) <= 1000)}`,
      ],
      ["exportBibliography alone (library loaded)", cell(t.exportOnly), "—"],
    ];
    for (const r of rows) console.log(`  ${r.join(" | ")}`);
    console.log(`  load at the end: ${load()}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
