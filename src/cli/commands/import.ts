import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { type Diagnostic, EXIT, JingduError, slugify } from "../../core/index.js";
import { parseStudyLog } from "../../formats/index.js";
import { firstNotUtf8Line } from "../../store/index.js";
import { importStudyLog } from "../import-study-log.js";
import { printDiagnostics, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { elapsed } from "./shared.js";

/** Study logs are a few hundred KB; anything this big is almost surely not one. */
const DEFAULT_MAX_MB = 16;

export const registerImport: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("import")
    .argument("<file>", "a Jekyll/Markdown study log (like the 论文精读 post)")
    .description(
      "import a study log: its course and episodes, paper catalog, notes and snapshots map",
    )
    .option("--into <dir>", "the library to import into (created when missing or empty)")
    .option("--course <id>", "the id of the imported course (default: from the file name)")
    .option("--max-size <MB>", "refuse files larger than this", String(DEFAULT_MAX_MB))
    .option("--json", "print the import report as JSON (contract in docs/cli.md)")
    .action(
      async (
        file: string,
        opts: { into?: string; course?: string; maxSize: string; json?: boolean },
      ) => {
        const started = performance.now();
        const path = resolve(ctx.cwd, file);
        const text = await readTextFile(path, file, Number(opts.maxSize) * 1024 * 1024);
        const parseStart = performance.now();
        const parsed = parseStudyLog(text, {
          file,
          courseId: opts.course ?? defaultCourseId(basename(path)),
        });
        const parseMs = elapsed(parseStart);
        refuseEmptyImport(parsed, file);
        const report = await importStudyLog(parsed, {
          file,
          name: basename(path),
          ...(opts.into === undefined ? {} : { into: resolve(ctx.cwd, opts.into) }),
          program,
          ctx,
        });
        const result = { ...report, ms: { ...report.ms, parse: parseMs, total: elapsed(started) } };
        if (opts.json) printJson(ctx.output, result);
        else printImportReport(ctx.output, result);
        if (result.conflicts.length > 0) setCode(EXIT.conflict);
      },
    );
};

/**
 * Throws when the parse found nothing to write (no course, paper, category or archived link): an
 * import that "succeeds" into an empty library hides that the file was not understood.
 */
function refuseEmptyImport(parsed: ReturnType<typeof parseStudyLog>, file: string): void {
  const found =
    parsed.course !== undefined ||
    parsed.papers.length + parsed.categories.length + parsed.references.length > 0;
  if (found) return;
  const error = parsed.diagnostics.find((d: Diagnostic) => d.level === "error");
  // A whole-file problem (empty, binary) is the reason; any other error is shown as a clue.
  const whole = error && error.line <= 1;
  const why = whole
    ? `${file}${error.line === 1 ? ":1" : ""}: ${error.message.replace(/; nothing (?:imported|to import)$/, "")}`
    : `${file}: no episodes, papers or categories found`;
  const clue = error && !whole ? ` The first error, line ${error.line}: ${error.message}.` : "";
  throw new JingduError("import-nothing", `${why}; nothing imported`, {
    hint: `An import reads episode headings and tables and paper tables (docs/importing.md).${clue}`,
  });
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

type Report = Awaited<ReturnType<typeof importStudyLog>> & { ms: Record<string, number> };

function printImportReport(output: Parameters<typeof printDiagnostics>[0], r: Report): void {
  const { out } = output;
  out(`Imported ${r.file} into ${r.library}`);
  for (const what of r.recovered) out(`  recovered ${what}`);
  if (r.course) out(`  course    ${r.course.title} (${r.course.id})`);
  const line = (name: string, c: Report["papers"] | Report["episodes"]) =>
    `  ${name.padEnd(9)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged` +
    (c.conflicts ? `, ${c.conflicts} kept (you edited them)` : "");
  out(line("episodes", r.episodes));
  out(
    `            ${r.episodes.total} in all; ${r.episodes.matchedSections} of ${r.episodes.sections} note sections matched to the table, ${r.episodes.withNotes} with notes`,
  );
  out(line("papers", r.papers));
  out(
    `            ${r.papers.total} in ${r.categories.total} categories, ${r.papers.covered} covered (✅), ${r.papers.unresolved} with only a name`,
  );
  out(`  links     ${r.references} archived-link mappings kept`);
  if (r.stated && (r.stated.papers !== undefined || r.stated.covered !== undefined)) {
    out(
      `  counts    the text states ${r.stated.papers ?? "?"} papers / ${r.stated.covered ?? "?"} recorded; its tables hold ${r.papers.total} / ${r.papers.covered}`,
    );
  }
  for (const c of r.conflicts)
    out(`  kept your edited ${c} (the import's version was not written)`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const w of r.warnings) counts[w.level]++;
  out(
    `  problems  ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes (listed on stderr)`,
  );
  out(
    `  time      parse ${r.ms.parse} ms, write ${r.ms.write} ms, index ${r.ms.index} ms, total ${r.ms.total} ms`,
  );
  printDiagnostics(output, r.warnings);
}
