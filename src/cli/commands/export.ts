import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { JingduError } from "../../core/index.js";
import { EXPORT_FORMATS, exportBibliography, isExportFormat } from "../../formats/index.js";
import { loadLibraryReporting } from "../load-library.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

const FORMATS = Object.keys(EXPORT_FORMATS).join("|");

export const registerExport: RegisterCommand = (program, ctx) => {
  program
    .command("export")
    .description(
      "write the library's papers (or one category's) as BibTeX, BibLaTeX, CSL-JSON or RIS",
    )
    .requiredOption("--format <format>", `the format to write (${FORMATS})`)
    .option("--category <id>", "only the papers of this category")
    .option("--out <file>", "write to this file (default: standard output)")
    .action(async (opts: { format: string; category?: string; out?: string }) => {
      if (!isExportFormat(opts.format)) {
        throw new JingduError("export-format-unknown", `--format ${opts.format}: no such format`, {
          hint: `Known formats: ${FORMATS.replaceAll("|", ", ")}.`,
        });
      }
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const result = exportBibliography(library, { format: opts.format, category: opts.category });
      if (!result) {
        throw new JingduError(
          "export-category-unknown",
          `--category ${opts.category}: no such category`,
          {
            hint: `The categories are in ${root}/categories.yaml (ids: ${library.categories
              .map((c) => c.id)
              .slice(0, 8)
              .join(", ")}).`,
          },
        );
      }
      if (opts.out === undefined) {
        ctx.output.out(result.text.replace(/\n$/, ""));
        return;
      }
      const path = resolve(ctx.cwd, opts.out);
      try {
        await writeFile(path, result.text);
      } catch (err) {
        throw new JingduError(
          "out-not-writable",
          `cannot write ${path}: ${(err as Error).message}`,
        );
      }
      ctx.output.err(`Exported ${result.count} papers as ${opts.format} to ${path}`);
    });
};
