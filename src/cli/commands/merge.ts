import { mergePapers } from "../../workspace/index.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

export const registerMerge: RegisterCommand = (program, ctx) => {
  program
    .command("merge")
    .argument("<keep>", "the paper that stays")
    .argument("<remove>", "the paper merged into it (its file is kept as a revision, then removed)")
    .description("merge two files of one paper: notes, progress, reviews and links move to <keep>")
    .option("--json", "print what was merged as JSON")
    .action(async (keep: string, remove: string, opts: { json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const r = await mergePapers({ root, library, keep, remove, now: ctx.now });
      if (opts.json) {
        printJson(ctx.output, r);
        return;
      }
      const { out } = ctx.output;
      out(`Merged ${r.removed} into ${r.kept}`);
      if (r.filled.length > 0) out(`  filled ${r.filled.join(", ")}`);
      if (r.relinked.length > 0) out(`  links now to ${keep} in ${r.relinked.join(", ")}`);
      out(`  ${r.removed} kept as revision ${r.revision} (jingdu restore brings it back)`);
      for (const n of r.notices) out(`  ${n}`);
    });
};
