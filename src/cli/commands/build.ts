import { accessSync, constants, mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { JingduError } from "../../core/index.js";
import {
  type BuildSiteResult,
  buildHeader,
  createSiteBuilder,
  dropStamp,
  libraryStamps,
  loadMetrics,
  loadSiteInputs,
  renderReadme,
  stampBuild,
  stampedBuild,
} from "../../site/index.js";
import { loadLibraryCached, RENDER_CACHE_FILE } from "../../store/light.js";
import type { CliContext } from "../context.js";
import { printDiagnostics, printJson, printLibraryProblems } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { watchAndRebuild } from "./build-watch.js";
import { libraryRoot } from "./shared.js";

/**
 * Creates the output folder, or says clearly why it cannot be (a file in the way, no
 * permission) before anything is rendered. Node's recursive mkdir never returns for a path
 * under /proc: such paths are refused first.
 */
function usableOutDir(outDir: string): void {
  const refuse = (why: string, cause?: unknown) =>
    new JingduError("out-not-writable", `cannot write the site to ${outDir}: ${why}`, {
      hint: "Give --out a folder you can write to (it is created when missing).",
      cause,
    });
  if (/^\/(?:proc|sys)(?:\/|$)/.test(outDir)) throw refuse("a system folder");
  try {
    mkdirSync(outDir, { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOTDIR" || code === "EEXIST"
        ? "a file is in the way"
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? "no permission to write there"
          : (error as Error).message;
    throw refuse(why, error);
  }
}

/** Every note read now: the build renders them all (no lazy reads from the cache file). */
const load = (root: string) => loadLibraryCached(root, { notes: "eager" });

/**
 * The base URL the site's links are made under: a path (`/`, `/notes/`) or an http(s) URL. Any
 * other scheme (`javascript:`, `file:`) would make every link of the site a broken or hostile one.
 */
function usableBaseUrl(value: string): string {
  let protocol: string;
  try {
    protocol = new URL(value, "http://base.invalid").protocol;
  } catch {
    // Not a URL at all: refused just below with base-url-invalid.
    protocol = "";
  }
  if (protocol === "http:" || protocol === "https:") return value;
  throw new JingduError(
    "base-url-invalid",
    `--base-url ${JSON.stringify(value)} is not a path or an http(s) URL`,
    {
      hint: "Give the path or the address the site will be served at, e.g. /notes/ or https://me.github.io/study/.",
    },
  );
}

/** How the notes of a build were had, when it rendered any page that shows one. */
function notesLine(notes: { reused: number; rendered: number } | undefined): string {
  if (!notes || notes.reused + notes.rendered === 0) return "";
  return ` (notes: ${notes.rendered} rendered, ${notes.reused} from the render cache)`;
}

interface BuildOptions {
  out?: string;
  baseUrl: string;
  json?: boolean;
  watch?: boolean;
  relative?: boolean;
}

/** What a build says: its JSON summary, or its warnings and one line. */
function report(ctx: CliContext, outDir: string, r: BuildSiteResult, opts: BuildOptions): void {
  if (opts.json) {
    const summary = {
      outDir,
      written: r.written.length,
      skipped: r.skipped.length,
      removed: r.removed.length,
      warnings: r.warnings,
      ...(r.notes ? { notes: r.notes } : {}),
      ms: r.ms,
    };
    // Watching, every object is one line (the rebuilds' follow).
    if (opts.watch) ctx.output.out(JSON.stringify(summary));
    else printJson(ctx.output, summary);
  } else {
    printDiagnostics(ctx.output, r.warnings);
    ctx.output.out(
      `Built ${outDir}: ${r.written.length} pages written, ${r.skipped.length} unchanged, ` +
        `${r.removed.length} removed, ${r.warnings.length} warnings, ${Math.round(r.ms)} ms` +
        notesLine(r.notes),
    );
  }
}

export const registerBuild: RegisterCommand = (program, ctx) => {
  program
    .command("build")
    .description(
      "write the static site: every page of the app rendered to disk (only changed pages rewritten)",
    )
    .option("--out <dir>", "the output folder (default: _site in the library)")
    .option("--base-url <url>", "where the site will live, e.g. https://me.github.io/study/", "/")
    .option(
      "--json",
      "print { written, skipped, removed, warnings, ms }; watching, then a line of JSON per rebuild",
    )
    .option("--watch", "then stay running: rebuild what a change to the library affects")
    .option(
      "--relative",
      "links relative to each page (…/index.html) and search without fetch: opens from file://",
    )
    .action(async (opts: BuildOptions) => {
      const baseUrl = usableBaseUrl(opts.baseUrl);
      const root = await libraryRoot(program, ctx);
      const outDir = opts.out ? resolve(ctx.cwd, opts.out) : resolve(root, "_site");
      const relative = opts.relative === true;
      const key = { root, outDir, header: buildHeader({ baseUrl, relative }), now: ctx.now };
      // Nothing the site is made from changed since the last build (stat, before anything is
      // loaded): what it printed is printed again (build-stamp.ts). Watching needs the library.
      const started = performance.now();
      // Checked first: a folder that stopped being writable is refused by the stamped path too.
      usableOutDir(outDir);
      const stamps = opts.watch ? undefined : libraryStamps(root, ctx.now);
      const stamped = stamps && stampedBuild(key, stamps);
      if (stamped) {
        printLibraryProblems(ctx.output, stamped.problems);
        // Its build work: the stamps taken and compared.
        const ms = Math.round(performance.now() - started);
        report(ctx, outDir, { ...stamped.result, ms }, opts);
        return;
      }
      dropStamp(root, outDir);
      // Through the parsed-library cache (`.jingdu/`), like the web app: a rebuild reads and
      // parses only the files changed since (the parser, zod and yaml, loads only for those).
      const inputs = await loadSiteInputs(root, load);
      printLibraryProblems(ctx.output, inputs.diagnostics);
      // Watching, the manifest is written once edits settle (see SiteBuilder.flush).
      const builder = createSiteBuilder({
        outDir,
        baseUrl,
        now: ctx.now,
        deferManifest: opts.watch === true,
        relative,
        renderCache: join(root, RENDER_CACHE_FILE),
      });
      const r = builder.build(inputs.library, inputs);
      if (stamps) stampBuild(key, stamps, { problems: inputs.diagnostics, result: r });
      report(ctx, outDir, r, opts);
      if (opts.watch)
        await watchAndRebuild(ctx, {
          root,
          inputs,
          builder,
          warnings: r.warnings,
          load,
          json: opts.json === true,
        });
    });

  program
    .command("readme")
    .description(
      "write the catalog and episode tables as Markdown, counts computed (like the original reading list)",
    )
    .option("--out <file>", "write to this file instead of printing")
    .action(async (opts: { out?: string }) => {
      const root = await libraryRoot(program, ctx);
      // The README shows the catalog and the episodes: no files, no snapshots.
      const [{ library, diagnostics }, { metrics }] = await Promise.all([
        loadLibraryCached(root, { notes: "eager" }),
        loadMetrics(root),
      ]);
      printLibraryProblems(ctx.output, diagnostics);
      const markdown = renderReadme(library, { now: ctx.now, metrics });
      if (opts.out) {
        await writeFile(resolve(ctx.cwd, opts.out), markdown);
        ctx.output.out(`Wrote ${opts.out}`);
      } else ctx.output.out(markdown.trimEnd());
    });
};
