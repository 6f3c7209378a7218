import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { type CliMessages, messagesFor } from "../../app/light.js";
import { type Diagnostic, EXIT, JingduError, slugify } from "../../core/index.js";
import {
  DOCUMENT_KINDS,
  type DocumentImport,
  type DocumentKind,
  importDocument,
  isBibliographyKind,
  isDocumentKind,
} from "../../formats/index.js";
import { firstNotUtf8Line, type ImportSource, readImportSource } from "../../store/index.js";
import { copyAssets, planAssets } from "../import-assets.js";
import { fetchDocument, isWebAddress, nameFromAddress, rawAddress } from "../import-source.js";
import { importStudyLog } from "../import-study-log.js";
import { displayWidth, printDiagnostics, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { registerImportZotero, runZoteroAgain } from "./import-zotero.js";
import { elapsed, libraryRoot } from "./shared.js";

/** Study logs are a few hundred KB; anything this big is almost surely not one. */
const DEFAULT_MAX_MB = 16;

export const registerImport: RegisterCommand = (program, ctx, setCode) => {
  const importCommand = program
    .command("import")
    .argument(
      "[file]",
      "a study log, course log, notes post or paper list: a file or an http(s) URL",
    )
    .description(
      "import a document: detects its kind (study log, course log, notes post, paper list) and reports what it made of each part",
    )
    .option("--into <dir>", "the library to import into (created when missing or empty)")
    .option("--course <id>", "the id of the imported course (default: from the file name)")
    .option(
      "--kind <kind>",
      `read the file as this kind (${Object.keys(DOCUMENT_KINDS).join(", ")})`,
    )
    .option("--origin <url>", "where the document lives: relative cover images resolve against it")
    .option("--assets <dir>", "a checkout of the blog: site-relative images are copied into files/")
    .option("--dry-run", "print what the import would make, and write nothing")
    .option("--again <name>", "read the source import NAME remembered (imports/NAME.yaml) again")
    .option(
      "--allow-host <host>",
      "allow fetching from a host or IP that is normally refused (loopback, private)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--max-size <MB>", "refuse files larger than this", String(DEFAULT_MAX_MB))
    .option("--json", "print the import report as JSON (contract in docs/cli.md)")
    .action(async (arg: string | undefined, opts: ImportCommandOptions) => {
      const started = performance.now();
      const maxBytes = Number(opts.maxSize) * 1024 * 1024;
      if (opts.kind !== undefined && !isDocumentKind(opts.kind)) {
        throw new JingduError("import-kind-unknown", `--kind ${opts.kind}: no such kind`, {
          hint: `Known kinds: ${Object.keys(DOCUMENT_KINDS).join(", ")}.`,
        });
      }
      const again = opts.again ? await rememberedSource(opts, program, ctx) : undefined;
      if (again?.kind === "zotero") {
        await runZoteroAgain(again, opts, program, ctx, setCode);
        return;
      }
      const file = again?.url ?? again?.file ?? arg;
      if (file === undefined) {
        throw new JingduError("import-what", "import needs a FILE, a URL or --again NAME", {});
      }
      const kind = opts.kind ?? again?.kind;
      const course = opts.course ?? again?.course;
      let text: string;
      let path: string;
      let name: string;
      let origin = opts.origin ?? again?.origin;
      let source: ImportSource;
      if (isWebAddress(file)) {
        const raw = rawAddress(file);
        const fetched = await fetchDocument(raw, { allowHosts: opts.allowHost, maxBytes });
        text = fetched.text;
        origin ??= new URL(".", fetched.finalUrl).href;
        path = raw;
        name = opts.again ?? nameFromAddress(raw);
        source = { url: file, origin };
      } else {
        path = resolve(ctx.cwd, file);
        text = await readTextFile(path, file, maxBytes);
        name = opts.again ?? basename(path);
        source = { file: path, ...(origin ? { origin } : {}) };
      }
      if (kind) source.kind = kind;
      if (course) source.course = course;
      const parseStart = performance.now();
      const parsed = importDocument(text, {
        file,
        courseId:
          course ??
          defaultCourseId(isWebAddress(path) ? basename(new URL(path).pathname) : basename(path)),
        ...(kind ? { kind: kind as DocumentKind } : {}),
        ...(origin ? { origin } : {}),
        ...(opts.assets ? { assets: true } : {}),
      });
      // Better BibTeX JSON brings Zotero's notes as HTML (src/formats is pure, without an HTML
      // converter): Markdown here, by the converter the Zotero import uses, as its notes are.
      // The sources (HTTP clients, Zotero's mapping) load only for such a file.
      if (parsed.kind === "bbt-json") {
        const { zoteroNoteToMarkdown } = await import("../../sources/index.js");
        for (const paper of parsed.papers) {
          if (paper.notes !== "") paper.notes = zoteroNoteToMarkdown(paper.notes);
        }
      }
      const parseMs = elapsed(parseStart);
      if (parsed.refused) {
        throw new JingduError("import-nothing", parsed.refused.message, {
          hint: parsed.refused.hint,
        });
      }
      const assets = opts.assets
        ? await planAssets(parsed, resolve(ctx.cwd, opts.assets), file)
        : undefined;
      if (assets) parsed.diagnostics.push(...assets.problems);
      if (opts.dryRun) {
        const plan = dryRunPlan(parsed, file, parseMs);
        if (opts.json) printJson(ctx.output, plan);
        else printPlan(ctx.output, plan, parsed.diagnostics);
        return;
      }
      // The summary is in the library's language; the JSON stays as docs/cli.md gives it.
      const { language, ...report } = await importStudyLog(parsed, {
        file,
        name,
        source,
        matchPapers: isBibliographyKind(parsed.kind),
        wholeSource: true,
        ...(opts.into === undefined ? {} : { into: resolve(ctx.cwd, opts.into) }),
        program,
        ctx,
      });
      const copied = assets ? await copyAssets(report.library, assets.copies, file) : undefined;
      if (copied) report.warnings.push(...copied.problems);
      const result = {
        ...report,
        ...(copied ? { images: { copied: copied.copied, unchanged: copied.unchanged } } : {}),
        kind: parsed.kind,
        kindName: parsed.kindName,
        parts: parsed.parts,
        coverage: parsed.coverage,
        ms: { ...report.ms, parse: parseMs, total: elapsed(started) },
      };
      if (opts.json) printJson(ctx.output, result);
      else printImportReport(ctx.output, result, messagesFor(language).cli.import);
      if (result.conflicts.length > 0) setCode(EXIT.conflict);
    });
  registerImportZotero(importCommand, program, ctx, setCode);
};

interface ImportCommandOptions {
  into?: string;
  course?: string;
  kind?: string;
  origin?: string;
  assets?: string;
  again?: string;
  allowHost: string[];
  dryRun?: boolean;
  maxSize: string;
  json?: boolean;
}

/** The source `imports/NAME.yaml` remembered, in the library `--into` or the usual one. */
async function rememberedSource(
  opts: ImportCommandOptions,
  program: Parameters<RegisterCommand>[0],
  ctx: Parameters<RegisterCommand>[1],
): Promise<ImportSource> {
  const root = await libraryRoot(
    program,
    opts.into ? { ...ctx, cwd: resolve(ctx.cwd, opts.into), env: {} } : ctx,
  );
  const name = slugify(opts.again ?? "");
  const source = await readImportSource(root, name);
  if (!source || (!source.url && !source.file && source.kind !== "zotero")) {
    throw new JingduError("import-unknown", `no import named ${name} remembers its source`, {
      hint: `The imports are in ${root}/imports/; imports made before this version remember none (import the file once more).`,
    });
  }
  return source;
}

/** What `--dry-run` prints: the kind, the parts and the coverage; nothing is written. */
function dryRunPlan(parsed: DocumentImport, file: string, parseMs: number) {
  return {
    file,
    dryRun: true,
    kind: parsed.kind,
    kindName: parsed.kindName,
    guesses: parsed.guesses,
    parts: parsed.parts,
    coverage: parsed.coverage,
    ...(parsed.course ? { course: { id: parsed.course.id, title: parsed.course.title } } : {}),
    warnings: parsed.diagnostics,
    ms: { parse: parseMs },
  };
}

function printPlan(
  output: Parameters<typeof printDiagnostics>[0],
  plan: ReturnType<typeof dryRunPlan>,
  diagnostics: Diagnostic[],
): void {
  output.out(`Would import ${plan.file} as a ${plan.kindName} (dry run: nothing written)`);
  for (const p of plan.parts) output.out(`  ${p.part.padEnd(22)} ${p.count}`);
  output.out(coverageLine(plan.coverage));
  printDiagnostics(output, diagnostics);
}

function coverageLine(c: DocumentImport["coverage"]): string {
  return `  coverage  ${c.textLines} lines with text: ${c.item} in items, ${c.note} in notes, ${c.structure} structure, ${c.reported + c.dropped.length} named in the report`;
}

/**
 * The course id when --course is not given: a Jekyll post's name without its date
 * (`2024-07-09-ml-DL-limu.md` → `ml-dl-limu`), else the file's base name (`limu.md` → `limu`);
 * a name that is only digits and hex (an exported or hashed file name) gives `course`.
 */
export function defaultCourseId(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, "");
  const id = slugify(stem);
  return id === "" || /^[0-9a-f-]*\d[0-9a-f-]*$/.test(id) ? "course" : id;
}

/** Reads a file as UTF-8 text, refusing what is too large or not text, with a clear message. */
async function readTextFile(path: string, shown: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new JingduError("file-not-found", `${shown}: no such file`);
  }
  if (size > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new JingduError(
      "file-too-large",
      `${shown}: ${mb(size)} MB is larger than the ${mb(maxBytes)} MB an import reads; nothing imported`,
      {
        hint: "If it really is a study log, raise the limit with --max-size MB.",
      },
    );
  }
  const bytes = await readFile(path);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).toString("latin1").split("\n").length;
    throw new JingduError(
      "not-text",
      `${shown}:${line}: not a text file (a NUL byte); nothing imported`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    const line = firstNotUtf8Line(bytes) ?? 1;
    throw new JingduError("not-utf8", `${shown}:${line}: not UTF-8 text; nothing imported`, {
      hint: "Convert it to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8).",
    });
  }
}

type Report = Omit<Awaited<ReturnType<typeof importStudyLog>>, "language"> & {
  ms: Record<string, number>;
  kind: string;
  kindName: string;
  parts: DocumentImport["parts"];
  coverage: DocumentImport["coverage"];
  images?: { copied: number; unchanged: number };
};

/** Files a re-import's summary names per line; the rest are counted (`--json` lists all). */
const LISTED = 8;

function printImportReport(
  output: Parameters<typeof printDiagnostics>[0],
  r: Report,
  t: CliMessages["import"],
): void {
  const { out } = output;
  const labels = Object.values(t.labels);
  const width = Math.max(...labels.map((l) => displayWidth(l))) + 1;
  // A row: its label padded to one width (a CJK label is two columns a character).
  const row = (label: keyof typeof t.labels, text: string) =>
    `  ${t.labels[label]}${" ".repeat(width - displayWidth(t.labels[label]))} ${text}`;
  const more = (text: string) => `  ${" ".repeat(width)} ${text}`;
  out(t.imported(r.file, t.kindNames[r.kind] ?? r.kindName, r.library));
  for (const what of r.recovered) out(t.recovered(what));
  if (r.course) out(row("course", `${r.course.title} (${r.course.id})`));
  const tally = (c: Report["papers"] | Report["episodes"]) =>
    t.tally({ ...c, conflicts: c.conflicts ?? 0 });
  // A bibliography brings papers only: no episode lines to print.
  const papersOnly = !r.course && r.episodes.total === 0;
  if (!papersOnly) {
    out(row("episodes", tally(r.episodes)));
    const e = r.episodes;
    out(more(t.episodesTotal({ ...e, matched: e.matchedSections })));
  }
  out(row("papers", tally(r.papers)));
  out(more(t.papersTotal({ ...r.papers, categories: r.categories.total })));
  if (!papersOnly) out(row("links", t.links(r.references)));
  const partName = (part: string) => t.partNames[part] ?? part;
  const made = r.parts.map((p) => `${p.count} ${partName(p.part)}`);
  out(row("made", made.join(t.partsSeparator)));
  const c = r.coverage;
  out(
    row(
      "coverage",
      t.coverage({ ...c, lines: c.textLines, reported: c.reported + c.dropped.length }),
    ),
  );
  if (r.images) out(row("images", t.images(r.images.copied, r.images.unchanged)));
  if (r.stated && (r.stated.papers !== undefined || r.stated.covered !== undefined)) {
    const { papers, covered } = r.stated;
    const stated = { papers: String(papers ?? "?"), covered: String(covered ?? "?") };
    out(
      row("counts", t.counts({ ...stated, total: r.papers.total, tableCovered: r.papers.covered })),
    );
  }
  // A re-import names what it changed: new files, files the source changed, files it dropped.
  if (!r.createdLibrary) {
    const of = (kind: "created" | "updated") =>
      r.changed.filter((c) =>
        kind === "created" ? c.outcome === "created" : c.outcome !== "created",
      );
    const list = (paths: string[]) =>
      paths.length <= LISTED
        ? paths.join(", ")
        : `${paths.slice(0, LISTED).join(", ")} ${t.andMore(paths.length - LISTED)}`;
    const created = of("created").map((c) => c.path);
    const updated = of("updated").map((c) => c.path);
    if (created.length > 0) out(t.newFiles(list(created)));
    if (updated.length > 0) out(t.changedFiles(list(updated)));
    if (r.gone && r.gone.length > 0) out(t.goneFiles(list(r.gone)));
  }
  for (const file of r.conflicts) out(t.keptEdited(file));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const w of r.warnings) counts[w.level]++;
  out(row("problems", t.problems(counts)));
  const ms = (name: string) => r.ms[name] ?? 0;
  out(
    row(
      "time",
      t.time({ parse: ms("parse"), write: ms("write"), index: ms("index"), total: ms("total") }),
    ),
  );
  printDiagnostics(output, r.warnings);
}
