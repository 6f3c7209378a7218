import { messagesFor } from "../../app/light.js";
import { compareDiagnostics, EXIT } from "../../core/index.js";
import { checkSnapshotIndex } from "../../snapshots/index.js";
import { loadFetchedMetadata, readRecommendations } from "../../sources/index.js";
import {
  checkLibrary,
  checkLibraryFolders,
  checkNoteImages,
  listLibraryAssets,
  loadLibrary,
} from "../../store/index.js";
import { loadCitationGraphIndex } from "../../workspace/index.js";
import { countLevels, printDiagnostics, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

export const registerDoctor: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("doctor")
    .description("validate the library: every problem with file:line and a hint")
    .option("--json", "print { library, problems: [{level, rule, file, line, message, hint}] }")
    .action(async (opts: { json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const loaded = await loadLibrary(root);
      // Beside the library files: the fetched metadata and the snapshot index line by line, and
      // entries the readers skip for not being plain files (links, FIFOs).
      const [metadata, snapshots, folders, assets, graph, recommendations] = await Promise.all([
        loadFetchedMetadata(root),
        checkSnapshotIndex(root),
        checkLibraryFolders(root),
        listLibraryAssets(root),
        // Streamed into its index (kept in `.jingdu/`), never one string: 10M edges fit.
        loadCitationGraphIndex(root),
        readRecommendations(root),
      ]);
      // A FIFO in place of metadata/x.jsonl is reported by its reader and by the folder walk.
      const seen = new Set<string>();
      const problems = [
        ...loaded.diagnostics,
        ...checkLibrary(loaded),
        // The images the build would find missing, at the note's line (no build needed).
        ...checkNoteImages(loaded.library, assets),
        ...metadata.diagnostics,
        ...graph.problems,
        ...recommendations.problems,
        ...snapshots,
        ...folders,
      ]
        .filter((d) => {
          // Two broken links of a note may share a line: they differ by their message.
          const key = `${d.rule}\0${d.file}\0${d.line}${d.rule.startsWith("xref-") ? `\0${d.message}` : ""}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort(compareDiagnostics);
      const counts = countLevels(problems);
      if (opts.json) printJson(ctx.output, { library: root, counts, problems });
      else {
        const t = messagesFor(loaded.library.settings.language).cli.doctor;
        if (problems.length === 0) ctx.output.out(t.clean(root));
        else {
          printDiagnostics(
            { ...ctx.output, err: ctx.output.out },
            problems,
            Number.POSITIVE_INFINITY,
          );
          ctx.output.out(t.counts(counts));
        }
      }
      if (counts.error + counts.warning > 0) setCode(EXIT.problemsFound);
    });
};
